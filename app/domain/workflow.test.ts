import { describe, expect, it } from "vitest";
import type { Actor } from "./roles";
import {
  CASE_ACTIONS,
  type CaseAction,
  type CaseSnapshot,
  allowedActions,
  canViewCase,
  mayTakeAction,
  mustMaskIdentity,
  nextState,
} from "./workflow";

const operator: Actor = { id: 1, role: "operator", townshipId: null };
const dispatcher: Actor = { id: 2, role: "dispatcher", townshipId: null };
const gunanStaff: Actor = { id: 3, role: "township", townshipId: 10 };
const wenlongStaff: Actor = { id: 4, role: "township", townshipId: 11 };
const leader: Actor = { id: 5, role: "leader", townshipId: null };
const admin: Actor = { id: 6, role: "admin", townshipId: null };

function snapshot(overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    kind: "complaint",
    state: "registered",
    assignedToId: null,
    hasAgreement: false,
    hasPendingExtension: false,
    hasOpenRespondMilestone: false,
    hasUnacknowledgedInstruction: false,
    ...overrides,
  };
}

describe("who may do what", () => {
  it("a registered case: the dispatcher accepts, rejects, merges or edits; the operator edits; nobody else acts", () => {
    expect(allowedActions(dispatcher, snapshot())).toEqual(["edit", "accept", "reject", "merge"]);
    expect(allowedActions(operator, snapshot())).toEqual(["edit"]);
    expect(allowedActions(leader, snapshot())).toEqual(["instruct"]);
    expect(allowedActions(admin, snapshot())).toEqual([]);
  });

  it("the desk alone withdraws an attachment, in any state, once the case has one", () => {
    for (const state of ["registered", "assigned", "closed", "rejected"] as const) {
      const withFile = snapshot({ state, assignedToId: 10, hasAttachments: true });
      expect(allowedActions(dispatcher, withFile), state).toContain("withdrawAttachment");
      expect(allowedActions(dispatcher, { ...withFile, hasAttachments: false }), state).not.toContain("withdrawAttachment");
      for (const other of [operator, gunanStaff, leader, admin]) {
        expect(allowedActions(other, withFile), `${state} ${other.role}`).not.toContain("withdrawAttachment");
      }
    }
  });

  it("an accepted case is assigned or transferred by the dispatcher; intake fields are no longer editable", () => {
    expect(allowedActions(dispatcher, snapshot({ state: "accepted" }))).toEqual(["assign", "transferOut", "setRespondent"]);
    expect(allowedActions(operator, snapshot({ state: "accepted" }))).toEqual([]);
  });

  it("an assigned case: its township investigates, submits, asks for extension or returns it", () => {
    const assigned = snapshot({ state: "assigned", assignedToId: 10 });
    expect(allowedActions(gunanStaff, assigned)).toEqual(["return", "note", "submit", "requestExtension"]);
    expect(allowedActions(wenlongStaff, assigned)).toEqual([]);
    expect(allowedActions(dispatcher, assigned)).toEqual(["assign", "note", "transferOut", "setRespondent", "requestAssistance"]);
  });

  it("the desk transfers accepted complaints and petitions out; the reply is taken while one awaits it, from the desk or that partner", () => {
    const partner = { id: null, role: "partner", townshipId: null, partnerId: 1, name: "万盛经开区生态环境局" } as const;
    for (const state of ["registered", "concluded", "closed", "rejected", "merged"] as const) {
      expect(mayTakeAction(dispatcher, snapshot({ state }), "transferOut"), state).toBe(false);
    }
    expect(mayTakeAction(dispatcher, snapshot({ state: "accepted", kind: "mediation" }), "transferOut")).toBe(false);
    expect(mayTakeAction(dispatcher, snapshot({ state: "accepted", kind: "petition" }), "transferOut")).toBe(true);
    for (const other of [operator, gunanStaff, leader, admin, partner]) {
      expect(mayTakeAction(other, snapshot({ state: "assigned", assignedToId: 10 }), "transferOut"), other.role).toBe(false);
    }
    const awaiting = snapshot({ state: "accepted", openTransfers: [{ id: 7, mode: "transfer" }] });
    expect(mayTakeAction(dispatcher, awaiting, "transferReply")).toBe(true);
    expect(mayTakeAction(partner, awaiting, "transferReply")).toBe(true);
    expect(mayTakeAction(partner, { ...awaiting, state: "submitted" }, "transferReply")).toBe(true);
    expect(mayTakeAction(partner, { ...awaiting, state: "concluded" }, "transferReply")).toBe(false);
    expect(mayTakeAction(dispatcher, { ...awaiting, openTransfers: [] }, "transferReply")).toBe(false);
    expect(allowedActions(dispatcher, awaiting)).toContain("transferReply");
    // A partner's system may do nothing else.
    const everything = snapshot({
      state: "assigned",
      assignedToId: 10,
      openTransfers: [{ id: 7, mode: "joint" }],
      hasAttachments: true,
    });
    expect(CASE_ACTIONS.filter((action) => mayTakeAction(partner, everything, action))).toEqual(["transferReply"]);
  });

  it("an urgent case's on-site response can be recorded while its response milestone is open", () => {
    const urgent = snapshot({ state: "assigned", assignedToId: 10, hasOpenRespondMilestone: true });
    expect(mayTakeAction(gunanStaff, urgent, "onSite")).toBe(true);
    expect(mayTakeAction(gunanStaff, { ...urgent, hasOpenRespondMilestone: false }, "onSite")).toBe(false);
  });

  it("one extension request at a time; the dispatcher decides it", () => {
    const pending = snapshot({ state: "assigned", assignedToId: 10, hasPendingExtension: true });
    expect(mayTakeAction(gunanStaff, pending, "requestExtension")).toBe(false);
    expect(mayTakeAction(dispatcher, pending, "approveExtension")).toBe(true);
    expect(mayTakeAction(dispatcher, pending, "refuseExtension")).toBe(true);
    expect(mayTakeAction(dispatcher, { ...pending, hasPendingExtension: false }, "approveExtension")).toBe(false);
  });

  it("a submitted result is concluded or sent back by the dispatcher", () => {
    const submitted = snapshot({ state: "submitted", assignedToId: 10 });
    expect(allowedActions(dispatcher, submitted)).toEqual(["note", "sendBack", "conclude", "setRespondent", "requestAssistance"]);
    expect(allowedActions(gunanStaff, submitted)).toEqual(["note"]);
  });

  it("concluded cases are closed or reopened; closed ones reopened", () => {
    expect(allowedActions(dispatcher, snapshot({ state: "concluded", assignedToId: 10 }))).toEqual([
      "close",
      "reopen",
      "setRespondent",
    ]);
    expect(allowedActions(dispatcher, snapshot({ state: "closed", assignedToId: 10 }))).toEqual(["reopen", "setRespondent"]);
  });

  it("rejected and merged cases are final; the desk may still correct whom they were about", () => {
    for (const state of ["rejected", "merged"] as const) {
      for (const actor of [operator, gunanStaff, leader, admin]) {
        expect(allowedActions(actor, snapshot({ state }))).toEqual([]);
      }
      expect(allowedActions(dispatcher, snapshot({ state }))).toEqual(["setRespondent"]);
    }
  });

  it("the desk alone corrects a complaint's or petition's respondent, once the intake is no longer editable", () => {
    expect(mayTakeAction(dispatcher, snapshot(), "setRespondent")).toBe(false);
    for (const state of ["accepted", "assigned", "submitted", "concluded", "closed", "rejected", "merged"] as const) {
      expect(mayTakeAction(dispatcher, snapshot({ state, assignedToId: 10 }), "setRespondent"), state).toBe(true);
      expect(mayTakeAction(dispatcher, snapshot({ state, kind: "mediation" }), "setRespondent"), state).toBe(false);
      for (const other of [operator, gunanStaff, leader, admin]) {
        expect(mayTakeAction(other, snapshot({ state, assignedToId: 10 }), "setRespondent"), `${state} ${other.role}`).toBe(
          false,
        );
      }
    }
  });
});

describe("supervision instructions", () => {
  it("a leader instructs on any case still being handled; the assigned township acknowledges", () => {
    const assigned = snapshot({ state: "assigned", assignedToId: 10 });
    expect(mayTakeAction(leader, assigned, "instruct")).toBe(true);
    expect(mayTakeAction(leader, { ...assigned, state: "closed" }, "instruct")).toBe(false);
    expect(mayTakeAction(dispatcher, assigned, "instruct")).toBe(false);
    expect(mayTakeAction(gunanStaff, assigned, "acknowledge")).toBe(false);
    const instructed = { ...assigned, hasUnacknowledgedInstruction: true };
    expect(mayTakeAction(gunanStaff, instructed, "acknowledge")).toBe(true);
    expect(mayTakeAction(wenlongStaff, instructed, "acknowledge")).toBe(false);
  });
});

describe("transitions", () => {
  const to = (snap: ReturnType<typeof snapshot>, action: CaseAction, args: { transferId?: number } = {}) =>
    nextState(snap, { action, ...args });

  it("follow the lifecycle of docs/domain.md", () => {
    expect(to(snapshot(), "accept")).toBe("accepted");
    expect(to(snapshot(), "reject")).toBe("rejected");
    expect(to(snapshot(), "merge")).toBe("merged");
    expect(to(snapshot({ state: "accepted" }), "assign")).toBe("assigned");
    expect(to(snapshot({ state: "assigned" }), "return")).toBe("accepted");
    expect(to(snapshot({ state: "assigned" }), "submit")).toBe("submitted");
    expect(to(snapshot({ state: "submitted" }), "sendBack")).toBe("assigned");
    expect(to(snapshot({ state: "submitted" }), "conclude")).toBe("concluded");
    expect(to(snapshot({ state: "concluded" }), "close")).toBe("closed");
    expect(to(snapshot({ state: "assigned" }), "note")).toBe("assigned");
  });

  it("a new round goes back to its handler, or to the desk when the case has none", () => {
    for (const action of ["reopen", "requestReview"] as const) {
      expect(to(snapshot({ state: "closed", assignedToId: 10 }), action)).toBe("assigned");
      expect(to(snapshot({ state: "concluded", assignedToId: null }), action)).toBe("accepted");
    }
  });

  it("a transfer's reply is the result of a case still being handled; a joint one's, or one after the result, changes nothing", () => {
    const open = [
      { id: 7, mode: "transfer" },
      { id: 8, mode: "joint" },
    ];
    expect(to(snapshot({ state: "assigned", openTransfers: open }), "transferReply", { transferId: 7 })).toBe("submitted");
    expect(to(snapshot({ state: "accepted", openTransfers: open }), "transferReply", { transferId: 7 })).toBe("submitted");
    expect(to(snapshot({ state: "assigned", openTransfers: open }), "transferReply", { transferId: 8 })).toBe("assigned");
    expect(to(snapshot({ state: "submitted", openTransfers: open }), "transferReply", { transferId: 7 })).toBe("submitted");
    expect(to(snapshot({ state: "assigned", openTransfers: open }), "transferReply", { transferId: 9 })).toBe("assigned");
  });
});

describe("visibility", () => {
  it("township staff see only cases assigned to their township", () => {
    expect(canViewCase(gunanStaff, { assignedToId: 10 })).toBe(true);
    expect(canViewCase(gunanStaff, { assignedToId: 11 })).toBe(false);
    expect(canViewCase(gunanStaff, { assignedToId: null })).toBe(false);
    expect(canViewCase({ ...gunanStaff, townshipId: null }, { assignedToId: null })).toBe(false);
    for (const actor of [operator, dispatcher, leader, admin]) expect(canViewCase(actor, { assignedToId: 11 })).toBe(true);
  });

  it("only township staff see identities masked", () => {
    expect(mustMaskIdentity(gunanStaff)).toBe(true);
    expect([operator, dispatcher, leader, admin].some(mustMaskIdentity)).toBe(false);
  });
});
