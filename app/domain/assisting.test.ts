import { describe, expect, it } from "vitest";
import { assignedSnapshot } from "../../tests/support/snapshots";
import { assistingProblem, assistingUnitIds, awaitsPartFrom } from "./assisting";
import type { Actor } from "./roles";
import { type CaseSnapshot, allowedActions, canViewCase, mayTakeAction } from "./workflow";

const lead: Actor = { id: 3, role: "township", townshipId: 10 };
const helper: Actor = { id: 4, role: "township", townshipId: 11 };
const stranger: Actor = { id: 5, role: "township", townshipId: 12 };

const snapshot = (overrides: Partial<CaseSnapshot> = {}) =>
  assignedSnapshot({ assistingUnitIds: [11], awaitedPartUnitIds: [11], ...overrides });

describe("assisting units", () => {
  it("read the case as its own township does; a unit neither leading nor assisting does not", () => {
    expect(canViewCase(helper, snapshot())).toBe(true);
    expect(canViewCase(stranger, snapshot())).toBe(false);
    expect(canViewCase(lead, snapshot())).toBe(true);
  });

  it("submit their part and nothing else; the lead unit does the rest and submits no part", () => {
    expect(allowedActions(helper, snapshot())).toEqual(["submitPart"]);
    expect(allowedActions(lead, snapshot())).not.toContain("submitPart");
    expect(mayTakeAction(helper, snapshot(), "submit")).toBe(false);
    expect(mayTakeAction(helper, snapshot(), "return")).toBe(false);
  });

  it("submit a part once: once submitted, the unit still reads the case but has nothing to do", () => {
    const done = snapshot({ awaitedPartUnitIds: [] });
    expect(canViewCase(helper, done)).toBe(true);
    expect(allowedActions(helper, done)).toEqual([]);
  });

  it("a request names units other than the lead, not already assisting in the round", () => {
    expect(assistingProblem([], 10, [])).toBe("assistingRequired");
    expect(assistingProblem([10, 11], 10, [])).toBe("assistingIsLead");
    expect(assistingProblem([11], 10, [11])).toBe("assistingAlready");
    expect(assistingProblem([11, 12], 10, [13])).toBeNull();
  });

  it("whose part is awaited, and who may read the case", () => {
    const parts = [
      { unitId: 11, submittedAt: null },
      { unitId: 12, submittedAt: new Date() },
      { unitId: 11, submittedAt: new Date() },
    ];
    expect(awaitsPartFrom(parts, 11)).toBe(true);
    expect(awaitsPartFrom(parts, 12)).toBe(false);
    expect(awaitsPartFrom(parts, null)).toBe(false);
    expect(assistingUnitIds(parts)).toEqual([11, 12]);
  });
});
