import type { CaseKind } from "./case-kinds";
import { replyIsResult } from "./partners";
import type { Actor, ActorRole, CaseActor } from "./roles";

/** docs/domain.md "Complaint lifecycle". */
export const CASE_STATES = [
  "registered",
  "accepted",
  "assigned",
  "submitted",
  "concluded",
  "closed",
  "rejected",
  "merged",
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States in which the case is still being handled and its deadline clock runs. */
export const HANDLING_STATES: readonly CaseState[] = ["registered", "accepted", "assigned", "submitted"];

export function isHandling(state: CaseState): boolean {
  return HANDLING_STATES.includes(state);
}

export const CASE_ACTIONS = [
  "edit",
  "accept",
  "reject",
  "merge",
  "assign",
  "return",
  "note",
  "onSite",
  "submit",
  "sendBack",
  "requestExtension",
  "approveExtension",
  "refuseExtension",
  "conclude",
  "close",
  "reopen",
  "requestReview",
  "mediationSession",
  "concludeMediation",
  "followUpAgreement",
  "instruct",
  "acknowledge",
  "withdrawAttachment",
  "rateAnswer",
  "transferOut",
  "transferReply",
  "setRespondent",
  "decideReturn",
  "signFor",
  "pauseClock",
  "resumeClock",
  "requestAssistance",
  "submitPart",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export function isCaseAction(value: string): value is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(value);
}

/** What the rules need to know about a case. */
export interface CaseSnapshot {
  kind: CaseKind;
  state: CaseState;
  assignedToId: number | null;
  hasPendingExtension: boolean;
  hasOpenRespondMilestone: boolean;
  hasUnacknowledgedInstruction: boolean;
  /** A mediation that ended in an agreement. */
  hasAgreement: boolean;
  /** Attachments not withdrawn (absent: none). */
  hasAttachments?: boolean;
  /** The complainant has rated the answer of the current round. */
  ratedThisRound?: boolean;
  /** The transfers out that await the partner's reply, with their mode (移送 or 联合办理). */
  openTransfers?: readonly { id: number; mode: string }[];
  /** A unit's return awaits the desk's decision (app/domain/returns.ts). */
  hasOpenReturn?: boolean;
  /** The handling unit is the lead unit the desk set: it may not return the case. */
  hasLeadUnit?: boolean;
  /** The current round's conclusion clock is open and counts days: it may pause by rule. */
  hasPausableClock?: boolean;
  /** The conclusion clock stands paused (中止计时): nothing that judges or moves it until it resumes. */
  hasPausedClock?: boolean;
  /** The unit holding the case has not signed for it yet (签收). */
  awaitsSignFor?: boolean;
  /** The units asked to assist (协办), in any round: they read the case as a township reads its own. */
  assistingUnitIds?: readonly number[];
  /** The assisting units whose part of this round is still awaited. */
  awaitedPartUnitIds?: readonly number[];
  /** Set by mayTakeAction for guards that depend on who acts. */
  actorRole?: ActorRole;
  actorUnitId?: number | null;
}

/** What of an action's arguments its resulting state may depend on. */
export interface ActionArguments {
  action: CaseAction;
  /** transferReply: the transfer answered. */
  transferId?: number;
}

/** The state after an action: fixed, or decided from the case (and the action's arguments) where it must be. */
type ResultingState = CaseState | null | ((snapshot: CaseSnapshot, args: ActionArguments) => CaseState | null);

interface ActionRule {
  from: readonly CaseState[];
  /** The state after the action; null when the state does not change. The only author of a case's state. */
  to: ResultingState;
  roles: readonly ActorRole[];
  /** A reason the actor must give (reject, return, send back, extension, reopen). */
  requiresReason: boolean;
  /** Only the township or unit the case is assigned to may act. */
  assigneeOnly?: boolean;
  /** The kinds of case the action belongs to; every kind when absent. */
  kinds?: readonly CaseKind[];
  guard?: (snapshot: CaseSnapshot) => boolean;
}

export const ACTION_RULES: Record<CaseAction, ActionRule> = {
  edit: { from: ["registered"], to: null, roles: ["operator", "dispatcher"], requiresReason: false },
  accept: { from: ["registered"], to: "accepted", roles: ["dispatcher"], requiresReason: false },
  reject: { from: ["registered"], to: "rejected", roles: ["dispatcher"], requiresReason: true },
  merge: { from: ["registered"], to: "merged", roles: ["dispatcher"], requiresReason: false, kinds: ["complaint", "petition"] },
  /** While a return awaits its decision, the desk decides it (decideReturn) instead of assigning. */
  assign: {
    from: ["accepted", "assigned"],
    to: "assigned",
    roles: ["dispatcher"],
    requiresReason: false,
    guard: (snapshot) => !snapshot.hasOpenReturn,
  },
  /** A unit's return (退单) with its ground; a lead unit the desk set may not return the case. */
  return: {
    from: ["assigned"],
    to: "accepted",
    roles: ["township"],
    requiresReason: true,
    assigneeOnly: true,
    guard: (snapshot) => !snapshot.hasLeadUnit,
  },
  /** The unit given the case signs for it (签收); any first step of its own signs too. */
  signFor: {
    from: ["assigned"],
    to: null,
    roles: ["township"],
    requiresReason: false,
    assigneeOnly: true,
    guard: (snapshot) => Boolean(snapshot.awaitsSignFor),
  },
  /** The desk's decision on a return (裁定): the assignment stands, another unit, or a lead unit. */
  decideReturn: {
    from: ["accepted"],
    to: "assigned",
    roles: ["dispatcher"],
    requiresReason: true,
    guard: (snapshot) => Boolean(snapshot.hasOpenReturn),
  },
  note: {
    from: ["assigned", "submitted"],
    to: null,
    roles: ["township", "dispatcher"],
    requiresReason: false,
    assigneeOnly: true,
  },
  onSite: {
    from: ["accepted", "assigned"],
    to: null,
    roles: ["township", "dispatcher"],
    requiresReason: false,
    assigneeOnly: true,
    kinds: ["complaint"],
    guard: (snapshot) => snapshot.hasOpenRespondMilestone,
  },
  submit: {
    from: ["assigned"],
    to: "submitted",
    roles: ["township"],
    requiresReason: false,
    assigneeOnly: true,
    kinds: ["complaint", "petition"],
  },
  sendBack: {
    from: ["submitted"],
    to: "assigned",
    roles: ["dispatcher"],
    requiresReason: true,
    kinds: ["complaint", "petition"],
  },
  /** The handling township asks; for a mediation the bureau's mediator asks too, with the parties' consent. */
  requestExtension: {
    from: ["accepted", "assigned"],
    to: null,
    roles: ["township", "dispatcher"],
    requiresReason: true,
    assigneeOnly: true,
    guard: (snapshot) =>
      !snapshot.hasPendingExtension &&
      (snapshot.kind === "mediation" || (snapshot.state === "assigned" && snapshot.actorRole === "township")),
  },
  approveExtension: {
    from: HANDLING_STATES,
    to: null,
    roles: ["dispatcher"],
    requiresReason: false,
    guard: (snapshot) => snapshot.hasPendingExtension && !snapshot.hasPausedClock,
  },
  refuseExtension: {
    from: HANDLING_STATES,
    to: null,
    roles: ["dispatcher"],
    requiresReason: true,
    guard: (snapshot) => snapshot.hasPendingExtension,
  },
  conclude: {
    from: ["submitted"],
    to: "concluded",
    roles: ["dispatcher"],
    requiresReason: false,
    kinds: ["complaint", "petition"],
    guard: (snapshot) => !snapshot.hasPausedClock,
  },
  close: { from: ["concluded"], to: "closed", roles: ["dispatcher"], requiresReason: false },
  reopen: { from: ["concluded", "closed"], to: newRoundState, roles: ["dispatcher"], requiresReason: true, kinds: ["complaint"] },
  /** The petitioner's request for review (复查) or re-check (复核): a new round on the same case. */
  requestReview: {
    from: ["concluded", "closed"],
    to: newRoundState,
    roles: ["dispatcher"],
    requiresReason: false,
    kinds: ["petition"],
  },
  /** A mediation session, scheduled or held. */
  mediationSession: {
    from: ["accepted", "assigned"],
    to: null,
    roles: ["dispatcher", "township"],
    requiresReason: false,
    assigneeOnly: true,
    kinds: ["mediation"],
  },
  concludeMediation: {
    from: ["accepted", "assigned"],
    to: "concluded",
    roles: ["dispatcher"],
    requiresReason: false,
    kinds: ["mediation"],
    guard: (snapshot) => !snapshot.hasPausedClock,
  },
  /** The desk pauses the conclusion clock on a ground the kind allows (app/domain/clock-pauses.ts). */
  pauseClock: {
    from: ["accepted", "assigned", "submitted"],
    to: null,
    roles: ["dispatcher"],
    requiresReason: true,
    guard: (snapshot) => Boolean(snapshot.hasPausableClock) && !snapshot.hasPausedClock,
  },
  resumeClock: {
    from: ["accepted", "assigned", "submitted"],
    to: null,
    roles: ["dispatcher"],
    requiresReason: false,
    guard: (snapshot) => Boolean(snapshot.hasPausedClock),
  },
  /** The desk asks other units to assist the one holding the case (协办), each with its own part and clock. */
  requestAssistance: {
    from: ["assigned", "submitted"],
    to: null,
    roles: ["dispatcher"],
    requiresReason: false,
    kinds: ["complaint", "petition"],
  },
  /** An assisting unit submits its part, once per round; the lead unit's result may quote it. */
  submitPart: {
    from: ["assigned", "submitted"],
    to: null,
    roles: ["township"],
    requiresReason: false,
    guard: (snapshot) =>
      snapshot.actorUnitId !== undefined &&
      snapshot.actorUnitId !== null &&
      (snapshot.awaitedPartUnitIds ?? []).includes(snapshot.actorUnitId),
  },
  /** The follow-up of whether the parties did what the agreement says. */
  followUpAgreement: {
    from: ["concluded", "closed"],
    to: null,
    roles: ["dispatcher"],
    requiresReason: false,
    kinds: ["mediation"],
    guard: (snapshot) => snapshot.hasAgreement,
  },
  /** A leader's supervision instruction (督办意见) on a case still being handled. */
  instruct: { from: HANDLING_STATES, to: null, roles: ["leader"], requiresReason: false },
  acknowledge: {
    from: HANDLING_STATES,
    to: null,
    roles: ["township"],
    requiresReason: false,
    assigneeOnly: true,
    guard: (snapshot) => snapshot.hasUnacknowledgedInstruction,
  },
  /** The desk hides an attachment added in error; it stays in the record with the reason (never erased). */
  withdrawAttachment: {
    from: CASE_STATES,
    to: null,
    roles: ["dispatcher"],
    requiresReason: true,
    guard: (snapshot) => Boolean(snapshot.hasAttachments),
  },
  /** The complainant's own rating of the answer (回访) from the lookup page: once for each answer. */
  rateAnswer: {
    from: ["concluded", "closed"],
    to: null,
    roles: ["complainant"],
    requiresReason: false,
    kinds: ["complaint", "petition"],
    guard: (snapshot) => !snapshot.ratedThisRound,
  },
  /**
   * The desk corrects who a complaint is about (被投诉对象: a registered unit or a name as given) once the
   * intake can no longer be edited, with the reason: the unit's figures and repeat-report warnings depend on it.
   */
  setRespondent: {
    from: CASE_STATES.filter((state) => state !== "registered"),
    to: null,
    roles: ["dispatcher"],
    requiresReason: true,
    kinds: ["complaint", "petition"],
  },
  /** Sending the case to another body (移送) or to a neighbour for joint handling (联合办理), once accepted. */
  transferOut: {
    from: ["accepted", "assigned"],
    to: null,
    roles: ["dispatcher"],
    requiresReason: false,
    kinds: ["complaint", "petition"],
  },
  /**
   * The other body's reply: recorded by the desk from a letter, or by the partner's Greenline itself. A
   * transfer's reply to a case still being handled is the case's result (submitted); a joint one's is not.
   */
  transferReply: {
    from: ["accepted", "assigned", "submitted"],
    to: (snapshot, args) => (transferReplyIsResult(snapshot, args.transferId) ? "submitted" : null),
    roles: ["dispatcher", "partner"],
    requiresReason: false,
    kinds: ["complaint", "petition"],
    guard: (snapshot) => (snapshot.openTransfers ?? []).length > 0,
  },
};

/** A new handling round (reopening, review) goes back to its handler or, if it has none, to the desk. */
function newRoundState(snapshot: CaseSnapshot): CaseState {
  return snapshot.assignedToId === null ? "accepted" : "assigned";
}

/** The reply to transfer `transferId` becomes the case's result: a 移送 answered while we still handle the case. */
export function transferReplyIsResult(snapshot: CaseSnapshot, transferId: number | undefined): boolean {
  const transfer = (snapshot.openTransfers ?? []).find((open) => open.id === transferId);
  return (
    transfer !== undefined && replyIsResult(transfer.mode) && (snapshot.state === "accepted" || snapshot.state === "assigned")
  );
}

/**
 * Township staff see only the cases assigned to their township or unit, and those it is asked to assist;
 * everyone else sees all. A complainant reaches only the case they proved is theirs, which the lookup
 * checked before this.
 */
export function canViewCase(actor: CaseActor, snapshot: Pick<CaseSnapshot, "assignedToId" | "assistingUnitIds">): boolean {
  if (actor.role !== "township") return true;
  if (actor.townshipId === null) return false;
  return snapshot.assignedToId === actor.townshipId || (snapshot.assistingUnitIds ?? []).includes(actor.townshipId);
}

/** Whether the identity of complainants must be masked for this viewer. */
export function mustMaskIdentity(actor: Pick<Actor, "role">): boolean {
  return actor.role === "township";
}

export function mayTakeAction(actor: CaseActor, snapshot: CaseSnapshot, action: CaseAction): boolean {
  const rule = ACTION_RULES[action];
  if (!rule.roles.includes(actor.role)) return false;
  if (rule.kinds && !rule.kinds.includes(snapshot.kind)) return false;
  if (!rule.from.includes(snapshot.state)) return false;
  if (!canViewCase(actor, snapshot)) return false;
  if (rule.assigneeOnly && actor.role === "township" && snapshot.assignedToId !== actor.townshipId) return false;
  return rule.guard ? rule.guard({ ...snapshot, actorRole: actor.role, actorUnitId: actor.townshipId }) : true;
}

/** Steps only the complainant takes (on the lookup page): the timeline names them as its actor. */
export function isComplainantAction(action: string): boolean {
  return isCaseAction(action) && ACTION_RULES[action].roles.includes("complainant");
}

/** Exactly the actions this actor may take on the case now. */
export function allowedActions(actor: Actor, snapshot: CaseSnapshot): CaseAction[] {
  return CASE_ACTIONS.filter((action) => mayTakeAction(actor, snapshot, action));
}

/** The state after the action, by the rule table: the one place a case's state is decided. */
export function nextState(snapshot: CaseSnapshot, args: ActionArguments): CaseState {
  const { to } = ACTION_RULES[args.action];
  const state = typeof to === "function" ? to(snapshot, args) : to;
  return state ?? snapshot.state;
}
