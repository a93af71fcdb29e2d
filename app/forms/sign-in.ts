import { z } from "zod";

/**
 * The sign-in form. Deliberately lenient: a wrong or malformed name is answered exactly like a wrong
 * password (docs/security.md), so the only checks are that something was typed and that it is not huge.
 */
export const signInSchema = z.object({
  username: z.string({ required_error: "required" }).trim().max(64, "tooLong"),
  password: z.string({ required_error: "required" }).max(1024, "tooLong"),
  redirectTo: z.string().optional(),
});
