import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { CaseKind } from "~/domain/case-kinds";
import {
  KIND_NAMES,
  LEDGER_COLUMNS,
  LEDGER_EXPORT_COLUMNS,
  daysOverdue,
  ledgerDateTime,
  mediationOutcomeOf,
} from "~/domain/ledger";
import { maskName, maskPhone, redactorFor } from "~/domain/masking";
import type { Actor } from "~/domain/roles";
import { type StatisticsPeriod } from "~/domain/statistics";
import { mustMaskIdentity } from "~/domain/workflow";
import { tKey } from "~/i18n";
import { scopeFor } from "../case/lists.server";
import { type LedgerFormat, writeLedgerFile } from "./file.server";

/** The ledger of docs/ledger-format.md for the cases a filter selects, with the export's extra columns. */

const EXPORT_BATCH = 5000;

const EXPORT_SELECT = {
  id: true,
  caseNo: true,
  kind: true,
  state: true,
  round: true,
  channel: true,
  category: true,
  receivedAt: true,
  acceptedAt: true,
  rejectedAt: true,
  concludedAt: true,
  complainantName: true,
  complainantPhone: true,
  subject: true,
  address: true,
  description: true,
  resultText: true,
  replyText: true,
  satisfaction: true,
  mediationOutcome: true,
  outcomeText: true,
  dueAt: true,
  overdue: true,
  township: { select: { name: true } },
  respondent: { select: { creditCode: true } },
  milestones: { where: { milestone: "conclude" }, select: { round: true, fixedDueAt: true, extendedBy: true } },
  parties: { select: { type: true, name: true, phone: true, address: true } },
  attachments: { where: { withdrawnAt: null }, select: { confidential: true } },
} satisfies Prisma.CaseSelect;

type ExportedCase = Prisma.CaseGetPayload<{ select: typeof EXPORT_SELECT }>;

export const LEDGER_EXPORT_HEADERS = [...LEDGER_COLUMNS.map((c) => c.header), ...LEDGER_EXPORT_COLUMNS.map((c) => c.header)];

const MEDIATION_OUTCOME_WORDS: Record<string, string> = { agreement: "调解成功", failure: "调解不成", withdrawn: "撤回申请" };

/** A mediation's 办理结果, worded so that an import reads the same outcome back (mediationOutcomeOf). */
function mediationOutcomeText(record: { mediationOutcome: string | null; outcomeText: string | null }) {
  const text = record.outcomeText ?? "";
  if (!record.mediationOutcome || mediationOutcomeOf(text) === record.mediationOutcome) return text;
  return `${MEDIATION_OUTCOME_WORDS[record.mediationOutcome]}：${text}`;
}

/** A case's ledger row. Township exports never show the complainant (docs/domain.md "People"). */
function ledgerRow(
  record: ExportedCase,
  names: { channel: Map<string, string>; category: Map<string, string> },
  mask: boolean,
  now: Date,
) {
  const conclude = record.milestones.find((m) => m.round === record.round);
  const open = record.concludedAt === null && record.rejectedAt === null && record.state !== "merged";
  const late = daysOverdue(record.dueAt, record.concludedAt, now);
  const judged = record.concludedAt !== null || open;
  const name = record.complainantName ?? "";
  const phone = record.complainantPhone ?? "";
  // A reopened case's due counts from its reopening; its final due is written as the due itself.
  const fixedDue = conclude?.fixedDueAt ?? (record.round > 1 ? record.dueAt : null);
  const values: Record<string, string> = {
    caseNo: record.caseNo,
    kind: KIND_NAMES[record.kind as CaseKind] ?? record.kind,
    channel: names.channel.get(record.channel) ?? record.channel,
    receivedAt: ledgerDateTime(record.receivedAt),
    acceptedAt: ledgerDateTime(record.acceptedAt ?? record.rejectedAt),
    complainantName: mask ? maskName(name) : name,
    complainantPhone: mask && phone ? maskPhone(phone) : phone,
    township: record.township.name,
    category: names.category.get(record.category) ?? record.category,
    subject: record.subject,
    respondentCode: record.respondent?.creditCode ?? "",
    address: record.address,
    description: record.description,
    dueAt: ledgerDateTime(fixedDue),
    extensionDays: conclude && conclude.extendedBy > 0 && record.round === 1 ? String(conclude.extendedBy) : "",
    concludedAt: ledgerDateTime(record.concludedAt),
    outcome: record.kind === "mediation" ? mediationOutcomeText(record) : (record.replyText ?? record.resultText ?? ""),
    satisfaction: record.satisfaction ?? "",
    accepted: record.rejectedAt ? "否" : "是",
    finalDueAt: judged ? ledgerDateTime(record.dueAt) : "",
    isOverdue: judged && record.dueAt ? (late !== null || record.overdue ? "是" : "否") : "",
    state: tKey("state", record.state),
    daysOverdue: judged && late !== null ? String(late) : "",
    // What the exporter may see: township staff do not count the confidential ones.
    attachmentCount: String(record.attachments.filter((attachment) => !mask || !attachment.confidential).length),
  };
  const row = [...LEDGER_COLUMNS.map((c) => values[c.key]), ...LEDGER_EXPORT_COLUMNS.map((c) => values[c.key])];
  if (!mask) return row;
  // Names, phones and addresses of people also stand in free text (a claim, an outcome): masked there too.
  return redactorFor({ complainantName: name, complainantPhone: phone, consentToDisclose: false, parties: record.parties })(row);
}

/** Cases in batches by id, so that a year of a city's cases never sits in memory as Prisma objects at once. */
async function* exportedCases(where: Prisma.CaseWhereInput) {
  let afterId = 0;
  for (;;) {
    const batch = await prisma.case.findMany({
      where: { AND: [where, { id: { gt: afterId } }] },
      select: EXPORT_SELECT,
      orderBy: { id: "asc" },
      take: EXPORT_BATCH,
    });
    if (batch.length === 0) return;
    yield batch;
    afterId = batch[batch.length - 1].id;
  }
}

async function ledgerTable(actor: Actor, where: Prisma.CaseWhereInput, now = new Date()): Promise<string[][]> {
  const [channels, categories] = await Promise.all([prisma.channel.findMany(), prisma.category.findMany()]);
  const names = {
    channel: new Map(channels.map((c) => [c.code, c.name])),
    category: new Map(categories.map((c) => [c.code, c.name])),
  };
  const mask = mustMaskIdentity(actor);
  const rows: string[][] = [LEDGER_EXPORT_HEADERS];
  for await (const batch of exportedCases(where)) {
    for (const record of batch) rows.push(ledgerRow(record, names, mask, now));
  }
  return rows;
}

/** The ledger file of the cases a filter selects, of those the actor may see. */
export async function exportLedger(actor: Actor, where: Prisma.CaseWhereInput, format: LedgerFormat, now = new Date()) {
  return writeLedgerFile(await ledgerTable(actor, { AND: [scopeFor(actor), where] }, now), format);
}

/** Every case received in a period (the year's ledger), of every kind. */
export function receivedInPeriod(period: StatisticsPeriod): Prisma.CaseWhereInput {
  return { receivedAt: { gte: period.start, lt: period.end } };
}
