import { describe, expect, it } from "vitest";
import { assignedSnapshot } from "../../tests/support/snapshots";
import type { Actor } from "./roles";
import { PROBLEM_CASE_AT, changesUnit, decisionProblem, isProblemCase, leadUnitAfter, unitOfDecision } from "./returns";
import { allowedActions, mayTakeAction, nextState } from "./workflow";

const dispatcher: Actor = { id: 2, role: "dispatcher", townshipId: null };
const gunanStaff: Actor = { id: 3, role: "township", townshipId: 10 };

const snapshot = assignedSnapshot;

describe("returns in the rule table", () => {
  it("the handling unit returns a case to the desk, which then decides it instead of assigning", () => {
    expect(mayTakeAction(gunanStaff, snapshot(), "return")).toBe(true);
    expect(nextState(snapshot(), { action: "return" })).toBe("accepted");
    const returned = snapshot({ state: "accepted", assignedToId: null, hasOpenReturn: true });
    expect(allowedActions(dispatcher, returned)).toContain("decideReturn");
    expect(allowedActions(dispatcher, returned)).not.toContain("assign");
    expect(nextState(returned, { action: "decideReturn" })).toBe("assigned");
  });

  it("without a return waiting there is nothing to decide, and the desk assigns as before", () => {
    const accepted = snapshot({ state: "accepted", assignedToId: null });
    expect(allowedActions(dispatcher, accepted)).toContain("assign");
    expect(allowedActions(dispatcher, accepted)).not.toContain("decideReturn");
  });

  it("a lead unit set by the desk may not return the case; a unit that is not the lead may", () => {
    expect(mayTakeAction(gunanStaff, snapshot({ hasLeadUnit: true }), "return")).toBe(false);
    expect(mayTakeAction(gunanStaff, snapshot({ hasLeadUnit: false }), "return")).toBe(true);
  });

  it("only the desk decides, and another township cannot return a case it does not hold", () => {
    const returned = snapshot({ state: "accepted", assignedToId: null, hasOpenReturn: true });
    expect(mayTakeAction(gunanStaff, returned, "decideReturn")).toBe(false);
    expect(mayTakeAction({ ...gunanStaff, townshipId: 11 }, snapshot(), "return")).toBe(false);
  });
});

describe("the desk's decision", () => {
  it("upholding gives the case back to the returning unit whatever unit the form names", () => {
    expect(unitOfDecision("uphold", 10, 12)).toBe(10);
    expect(decisionProblem("uphold", 10, null)).toBeNull();
  });

  it("a reassignment must name another unit than the returning one", () => {
    expect(decisionProblem("reassign", 10, 10)).toBe("assigneeId");
    expect(decisionProblem("reassign", 10, null)).toBe("assigneeId");
    expect(decisionProblem("reassign", 10, 12)).toBeNull();
    expect(unitOfDecision("reassign", 10, 12)).toBe(12);
  });

  it("a lead unit may be the returning unit itself, but must be named", () => {
    expect(decisionProblem("lead", 10, 10)).toBeNull();
    expect(decisionProblem("lead", 10, null)).toBe("assigneeId");
  });
});

describe("the handling chain", () => {
  it("a first assignment is no change of unit; giving the case to another unit is; to the same one is not", () => {
    expect(changesUnit(null, 10)).toBe(false);
    expect(changesUnit(10, 12)).toBe(true);
    expect(changesUnit(10, 10)).toBe(false);
  });

  it("the lead unit is set by the desk, kept while it holds the case, and gone when another unit takes it", () => {
    expect(leadUnitAfter(null, 10, true)).toBe(10);
    expect(leadUnitAfter(10, 10, false)).toBe(10);
    expect(leadUnitAfter(10, 12, false)).toBeNull();
    expect(leadUnitAfter(null, 12, false)).toBeNull();
  });

  it("the third return, or the third change of unit, makes a problem case; the second does not", () => {
    expect(PROBLEM_CASE_AT).toBe(3);
    expect(isProblemCase({ returns: 2, unitChanges: 2, leadUnitId: null })).toBe(false);
    expect(isProblemCase({ returns: 3, unitChanges: 0, leadUnitId: null })).toBe(true);
    expect(isProblemCase({ returns: 0, unitChanges: 3, leadUnitId: null })).toBe(true);
  });

  it("a lead unit ends it: a case with a lead unit is no problem case however often it moved", () => {
    expect(isProblemCase({ returns: 5, unitChanges: 4, leadUnitId: 10 })).toBe(false);
  });
});
