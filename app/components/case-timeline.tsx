import { t, tKey } from "~/i18n";
import type { CaseView } from "~/models/case/view.server";
import { showDateTime } from "~/utils/format";
import { type LadderStep, LADDER_STEPS } from "~/domain/deadlines";
import { type ReturnDecision, RETURN_DECISIONS } from "~/domain/returns";

const isReturnDecision = (value: unknown): value is ReturnDecision => RETURN_DECISIONS.includes(value as ReturnDecision);
const isLadderStep = (value: unknown): value is LadderStep => LADDER_STEPS.includes(value as LadderStep);

type TimelineEvent = CaseView["timeline"][number];
type Snapshot = Record<string, unknown>;

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);
const when = (value: unknown) => (typeof value === "string" || typeof value === "number" ? showDateTime(new Date(value)) : "");

/** The deadline steps the worker takes: which time limit, and when it was due. */
const deadlineSentence = (key: "timeline.warning" | "timeline.overdue" | "timeline.supervision") => (after: Snapshot) =>
  t(key, { milestone: tKey("milestone", String(after.milestone ?? "")), due: when(after.dueAt) });

/**
 * What an entry says beyond its headline ("受理于 …"), as a sentence in the desk's words: to whom it was
 * given, which text was recorded, which deadline passed. Steps without one say nothing more.
 */
const SENTENCES: Record<string, (after: Snapshot, before: Snapshot) => string | null> = {
  assign: (after) => (text(after.assignedTo) ? t("timeline.assign", { to: String(after.assignedTo) }) : null),
  merge: (after) => (text(after.mergedInto) ? t("timeline.merge", { target: String(after.mergedInto) }) : null),
  repeatMerged: (after) => (text(after.repeat) ? t("timeline.repeat", { caseNo: String(after.repeat) }) : null),
  setRespondent: (after, before) =>
    "subject" in after ? t("timeline.respondent", { from: String(before.subject ?? ""), to: String(after.subject ?? "") }) : null,
  repeatReport: (after) =>
    text(after.unit)
      ? t("timeline.repeatReport", { unit: String(after.unit), days: Number(after.days), count: Number(after.count) })
      : null,
  return: (after) => {
    if (!text(after.returnedBy)) return null;
    const values = {
      unit: String(after.returnedBy),
      ground: tKey("returnGround", String(after.ground)),
      due: when(after.decideBy),
    };
    return text(after.suggested)
      ? t("timeline.returnedSuggesting", { ...values, suggested: String(after.suggested) })
      : t("timeline.returned", values);
  },
  decideReturn: (after) =>
    isReturnDecision(after.decision) && text(after.assignedTo)
      ? t(`timeline.decided.${after.decision}`, { unit: String(after.assignedTo) })
      : null,
  returnClock: (after) => (isLadderStep(after.step) ? t(`timeline.returnClock.${after.step}`, { due: when(after.dueAt) }) : null),
  pauseClock: (after) =>
    text(after.ground) ? t("timeline.paused", { ground: tKey("pause.groundName", String(after.ground)) }) : null,
  resumeClock: (after) =>
    typeof after.addedDays === "number"
      ? t("timeline.resumed", { days: after.addedDays, unit: tKey("unit", String(after.unit ?? "")), due: when(after.dueAfter) })
      : null,
  requestAssistance: (after) =>
    Array.isArray(after.assisting)
      ? t("timeline.assisting", { units: after.assisting.join("、"), due: when(after.partDueAt) })
      : null,
  submitPart: (after) => (text(after.unit) ? t("timeline.part", { unit: String(after.unit) }) : null),
  partClock: (after) =>
    isLadderStep(after.step)
      ? t(`timeline.partClock.${after.step}`, { unit: String(after.unit ?? ""), due: when(after.dueAt) })
      : null,
  reopen: (after) => (typeof after.round === "number" ? t("timeline.round", { round: after.round }) : null),
  requestExtension: (after) =>
    typeof after.extensionAmount === "number"
      ? t("timeline.extension", { amount: after.extensionAmount, unit: tKey("unit", String(after.unit ?? "")) })
      : null,
  approveExtension: (after) =>
    typeof after.extensionAmount === "number"
      ? t("timeline.extensionApproved", {
          milestone: tKey("milestone", String(after.milestone ?? "")),
          amount: after.extensionAmount,
          unit: tKey("unit", String(after.unit ?? "")),
          due: when(after.dueAfter),
        })
      : null,
  close: (after) => (text(after.satisfaction) ? t("timeline.satisfaction", { level: String(after.satisfaction) }) : null),
  withdrawAttachment: (after) => (text(after.attachment) ? t("timeline.withdrawn", { file: String(after.attachment) }) : null),
  warning: deadlineSentence("timeline.warning"),
  overdue: deadlineSentence("timeline.overdue"),
  supervision: deadlineSentence("timeline.supervision"),
};

/** The text a step recorded (a note, a result, an answer, an instruction), whichever it carries. */
const RECORDED_TEXTS = [
  "note",
  "resultText",
  "replyText",
  "decisionReason",
  "instruction",
  "outcomeText",
  "followUp",
  "request",
  "part",
];

function EntryText({ event }: { event: TimelineEvent }) {
  const after = (event.after ?? {}) as Snapshot;
  const sentence = SENTENCES[event.action]?.(after, (event.before ?? {}) as Snapshot) ?? null;
  const recorded = RECORDED_TEXTS.map((key) => text(after[key])).find((value) => value !== null) ?? null;
  return (
    <>
      {sentence ? <div>{sentence}</div> : null}
      {recorded && recorded !== event.reason ? <div className="recorded">{recorded}</div> : null}
      {event.reason ? <div>{t("timeline.reason", { reason: event.reason })}</div> : null}
      {event.action === "edit" ? <EditedFields before={(event.before ?? {}) as Snapshot} after={after} /> : null}
    </>
  );
}

/** The intake fields an edit changed: the one step whose meaning is the change itself. */
function EditedFields({ before, after }: { before: Snapshot; after: Snapshot }) {
  const keys = Object.keys(after).filter((key) => key in before && tKey("field", key) !== key);
  if (keys.length === 0) return null;
  const shown = (value: unknown) => (value === null || value === undefined || value === "" ? t("common.none") : String(value));
  return (
    <ul className="change">
      {keys.map((key) => (
        <li key={key}>{t("timeline.edited", { field: tKey("field", key), from: shown(before[key]), to: shown(after[key]) })}</li>
      ))}
    </ul>
  );
}

/** The case's full history from the audit trail, oldest first, each entry a sentence: what, when, who. */
export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.id} data-action={event.action}>
          <div>
            <strong>{tKey("action", event.action)}</strong>
            {t("timeline.at", { at: showDateTime(event.at) })}
            <span className="muted"> · {event.actorName ?? t("case.system")}</span>
          </div>
          <EntryText event={event} />
          {event.attachments.length > 0 ? (
            <ul className="change">
              {event.attachments.map((attachment) => (
                <li key={attachment.id}>
                  {tKey("attachment.kind", attachment.kind)}：<a href={`#attachment-${attachment.id}`}>{attachment.fileName}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
