import { z } from "zod";
import { ROLES, accountProblems } from "~/domain/roles";
import { databaseId, optionalText } from "./fields";

/** The administrator's forms for accounts: add one, or change one row of the list. */

const roleAndTownship = {
  displayName: optionalText(50),
  role: z.enum(ROLES, { errorMap: () => ({ message: "unknownRole" }) }),
  townshipId: databaseId("unknownTownship").optional(),
};

/** The account rules of the domain (user name, township of township staff, password length), as issues. */
function withAccountRules<T extends { role: string; townshipId?: number; password?: string; username?: string }>(
  value: T,
  context: z.RefinementCtx,
) {
  for (const [field, message] of Object.entries(accountProblems(value))) {
    context.addIssue({ path: [field], code: "custom", message });
  }
}

export const createUserSchema = z
  .object({
    intent: z.literal("create"),
    username: z.string({ required_error: "required" }).trim(),
    password: z.string({ required_error: "required" }),
    ...roleAndTownship,
  })
  .superRefine(withAccountRules);

export const updateUserSchema = z
  .object({
    intent: z.literal("update"),
    userId: databaseId("unknownUser"),
    active: z.boolean().optional(),
    password: z.string().optional(),
    ...roleAndTownship,
  })
  .superRefine(withAccountRules);

export const userFormSchemas = { create: createUserSchema, update: updateUserSchema } as const;
export type UserFormIntent = keyof typeof userFormSchemas;
export const isUserFormIntent = (value: unknown): value is UserFormIntent => value === "create" || value === "update";
