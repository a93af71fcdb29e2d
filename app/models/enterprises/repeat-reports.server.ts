import { config } from "~/config.server";
import { prisma, type Transaction } from "~/db.server";
import { type RepeatReportRule, repeatReportDecision, warningInForce } from "~/domain/repeat-reports";
import { localDateOf } from "~/domain/local-time";
import { t } from "~/i18n";
import { isPostgres } from "../db/sql-dialect.server";
import { recordAuditEvent } from "../case/audit.server";
import { notifyUsers, usersWithRole } from "../outbox/notifications.server";

/**
 * Repeat-report warnings (集中重复举报, docs/domain.md "Repeat-report warnings"), applied in the transaction
 * that links a complaint to its unit: at registration (hotline, API, Open311) and when the desk corrects
 * the respondent. Imported ledgers are history and raise none.
 */

export const repeatReportRule = (): RepeatReportRule => ({
  threshold: config().REPEAT_REPORT_THRESHOLD,
  windowDays: config().REPEAT_REPORT_WINDOW_DAYS,
});

/** The reports that count: complaints, whatever became of them (a repeat merged into another is a report too). */
const COUNTED_KIND = "complaint";

/**
 * Applies the rule to a complaint just linked to `unitId`: it joins the unit's warning in force, raises a
 * new one (an audit event on the complaint, a notice to the desk and the leaders), or does nothing.
 * Returns the notice's webhook event for the caller to queue after commit.
 */
export async function checkRepeatReports(
  tx: Transaction,
  report: { id: number; caseNo: string; kind: string; receivedAt: Date; respondentId: number | null },
  now: Date,
): Promise<string | null> {
  if (report.kind !== COUNTED_KIND || report.respondentId === null) return null;
  const unitId = report.respondentId;
  // Two complaints about one unit registered at once must not both raise: on PostgreSQL the unit's row
  // is locked for the transaction (SQLite's writer holds the database's lock already).
  if (isPostgres()) await tx.$executeRawUnsafe(`SELECT "id" FROM "RegulatedUnit" WHERE "id" = $1 FOR UPDATE`, unitId);
  const rule = repeatReportRule();
  const from = new Date(report.receivedAt.getTime() - rule.windowDays * 86_400_000);
  const [others, warnings] = await Promise.all([
    tx.case.findMany({
      where: {
        respondentId: unitId,
        kind: COUNTED_KIND,
        receivedAt: { gt: from, lte: report.receivedAt },
        id: { not: report.id },
      },
      select: { id: true, receivedAt: true },
    }),
    tx.repeatReportWarning.findMany({
      where: { unitId, ...warningsInForceAt(report.receivedAt) },
      select: { id: true, raisedAt: true, windowEndsAt: true },
    }),
  ]);
  const decision = repeatReportDecision(
    rule,
    { caseId: report.id, receivedAt: report.receivedAt },
    others.map((other) => ({ caseId: other.id, receivedAt: other.receivedAt })),
    warnings,
  );
  if (decision.kind === "none") return null;
  if (decision.kind === "join") {
    await tx.repeatReportCase.upsert({
      where: { warningId_caseId: { warningId: decision.warningId, caseId: report.id } },
      create: { warningId: decision.warningId, caseId: report.id },
      update: {},
    });
    return null;
  }
  const warning = await tx.repeatReportWarning.create({
    data: {
      unitId,
      raisedAt: decision.raisedAt,
      windowEndsAt: decision.windowEndsAt,
      createdAt: now,
      cases: { create: decision.caseIds.map((caseId) => ({ caseId })) },
    },
    include: { unit: { select: { name: true } } },
  });
  const count = decision.caseIds.length;
  await recordAuditEvent(tx, {
    caseId: report.id,
    actorId: null,
    at: now,
    action: "repeatReport",
    after: { unit: warning.unit.name, count, days: rule.windowDays, windowEndsAt: decision.windowEndsAt },
  });
  const recipients = [...new Set([...(await usersWithRole(tx, "dispatcher")), ...(await usersWithRole(tx, "leader"))])];
  return notifyUsers(tx, recipients, {
    eventId: `repeat-report-${warning.id}`,
    caseRef: { id: report.id, caseNo: report.caseNo, assignedToId: null },
    kind: "repeatReport",
    message: t("notify.repeatReport", {
      unit: warning.unit.name,
      days: rule.windowDays,
      count,
      caseNo: report.caseNo,
      until: localDateOf(decision.windowEndsAt),
    }),
    at: now,
  });
}

/** The warnings in force at an instant: `warningInForce` as a query. */
export const warningsInForceAt = (at: Date) => ({ raisedAt: { lte: at }, windowEndsAt: { gt: at } });

/** What a page reads of a warning (`select`), and shows of it: its window, how many complaints it counts, whether in force. */
export const SHOWN_WARNING = { raisedAt: true, windowEndsAt: true, _count: { select: { cases: true } } } as const;

export const shownWarning = (warning: { raisedAt: Date; windowEndsAt: Date; _count: { cases: number } }, now: Date) => ({
  raisedAt: warning.raisedAt,
  windowEndsAt: warning.windowEndsAt,
  count: warning._count.cases,
  inForce: warningInForce(warning, now),
});

/** The warnings in force, for the supervision board: each unit once, with how many reports it counts. */
export async function repeatReportsInForce(now = new Date()) {
  const warnings = await prisma.repeatReportWarning.findMany({
    where: warningsInForceAt(now),
    orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      raisedAt: true,
      windowEndsAt: true,
      unit: { select: { id: true, name: true, township: { select: { name: true } } } },
      _count: { select: { cases: true } },
    },
  });
  return warnings.map((warning) => ({
    unitId: warning.unit.id,
    unit: warning.unit.name,
    township: warning.unit.township.name,
    raisedAt: warning.raisedAt,
    windowEndsAt: warning.windowEndsAt,
    count: warning._count.cases,
  }));
}
