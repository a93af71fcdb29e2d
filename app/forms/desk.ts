import { z } from "zod";
import { SATISFACTION_LEVELS, type Satisfaction } from "~/domain/case-kinds";
import { DESK_QUEUES, DESK_STEPS, MAX_PICKED, type PickedCase, parsePick } from "~/domain/desk-queues";
import { MAX_DATABASE_ID, submissionKey } from "./fields";

const assignee = z.coerce.number().int().min(1).max(MAX_DATABASE_ID);
const satisfaction = z.enum(SATISFACTION_LEVELS);

/** A picked case with its row's own choice: the township it goes to, the complainant's answer to the call. */
export interface DeskStepCase extends PickedCase {
  assigneeId: number | null;
  satisfaction: Satisfaction | null;
}

/**
 * A step taken from a queue's list: one row's button (`only`) or the picked rows. Each row carries its
 * own choice beside it (`assigneeId:<caseNo>`, defaulting to the township the case was reported in;
 * `satisfaction:<caseNo>`); a choice made in the bar above the list applies to every picked row instead.
 * Empty values are absent (the route drops them).
 */
export const deskStepSchema = z
  .object({
    intent: z.enum(DESK_STEPS),
    queue: z.enum(DESK_QUEUES),
    only: z.string().optional(),
    picked: z.array(z.string()).max(MAX_PICKED, "tooManyPicked").default([]),
    assigneeId: assignee.optional(),
    satisfaction: satisfaction.optional(),
    submissionKey,
  })
  .passthrough()
  .transform((value, context) => {
    const rows = value.only === undefined ? value.picked : [value.only];
    const cases: DeskStepCase[] = [];
    for (const row of rows) {
      const pick = parsePick(row);
      const own = value as Record<string, unknown>;
      const rowAssignee = assignee.optional().safeParse(pick ? own[`assigneeId:${pick.caseNo}`] : undefined);
      const rowSatisfaction = satisfaction.optional().safeParse(pick ? own[`satisfaction:${pick.caseNo}`] : undefined);
      if (!pick || !rowAssignee.success || !rowSatisfaction.success) {
        context.addIssue({ code: "custom", message: "badRequest" });
        return z.NEVER;
      }
      // A row's own button takes the row's choice; the picked rows take the bar's, where one is made.
      const first = <T>(ownChoice: T | undefined, barChoice: T | undefined) =>
        (value.only === undefined ? (barChoice ?? ownChoice) : (ownChoice ?? barChoice)) ?? null;
      cases.push({
        ...pick,
        assigneeId: first(rowAssignee.data, value.assigneeId),
        satisfaction: first(rowSatisfaction.data, value.satisfaction),
      });
    }
    if (cases.length === 0) {
      context.addIssue({ code: "custom", path: ["picked"], message: "nothingPicked" });
      return z.NEVER;
    }
    return { action: value.intent, queue: value.queue, cases, submissionKey: value.submissionKey };
  });

export type DeskStepCommand = z.output<typeof deskStepSchema>;
