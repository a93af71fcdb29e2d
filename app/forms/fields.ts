import { z } from "zod";
import { isLocalDate, parseLocalDateTime } from "~/domain/local-time";

/**
 * The fields the forms share. Messages are catalogue keys under "error." (app/i18n); conform turns empty
 * inputs into absent values before these run, so "required" is a missing value.
 */

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

/** The key a form carries per page load: the same form sent again finds what it did instead of doing it twice. */
export const submissionKey = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, "badRequest");

export const requiredText = (max = 4000) =>
  z.string({ required_error: "required" }).trim().min(1, "required").max(max, "tooLong");

export const optionalText = (max = 4000) => z.string().trim().max(max, "tooLong").optional();

export const phoneNumber = z
  .string()
  .trim()
  .regex(/^[\d\s-]{7,20}$/, "phoneFormat")
  .optional();

/** A calendar day as an `<input type="date">` sends it. */
export const localDate = (message = "letterDate") => z.string({ required_error: "required" }).refine(isLocalDate, message);

/** A local date and time as an `<input type="datetime-local">` sends it, read as Shanghai time. */
export const localDateTime = z
  .string({ required_error: "required" })
  .refine((value) => parseLocalDateTime(value) !== null, "dateTime")
  .transform((value) => parseLocalDateTime(value)!);
