import type { CaseSnapshot } from "~/domain/workflow";

/** A complaint as the rules see it, assigned to unit 10 with nothing pending, and whatever the test changes. */
export const assignedSnapshot = (overrides: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  kind: "complaint",
  state: "assigned",
  assignedToId: 10,
  hasAgreement: false,
  hasPendingExtension: false,
  hasOpenRespondMilestone: false,
  hasUnacknowledgedInstruction: false,
  ...overrides,
});
