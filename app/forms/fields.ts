import { z } from "zod";

/**
 * The largest id a form may name: the databases' integer columns hold no more. A larger number (1e308,
 * 2^63) is refused by the form's schema like any other wrong value, never handed to the database.
 */
export const MAX_DATABASE_ID = 2_147_483_647;

/** An id chosen in a form (a township, a mediator, a session), as a whole number within the database's range. */
export const databaseId = (message: string) =>
  z.coerce
    .number({ invalid_type_error: message, required_error: message })
    .int(message)
    .min(1, message)
    .max(MAX_DATABASE_ID, message);
