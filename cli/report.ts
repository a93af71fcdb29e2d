import { prisma } from "~/db.server";
import { CASE_KINDS, type CaseKind } from "~/domain/case-kinds";
import { yearPeriod } from "~/domain/statistics";
import { type BreakdownRow, type CaseStatistics, caseStatistics } from "~/models/statistics/figures.server";

/** `greenline report annual --year Y [--kind K] [--json]`: the annual figures of one kind. */
export async function annualReport(year: number, kind: CaseKind) {
  const statistics = await caseStatistics(kind, yearPeriod(year));
  return annualReportObject(year, statistics);
}

export function parseKind(value: string | undefined): CaseKind | null {
  const kind = value ?? "complaint";
  return (CASE_KINDS as readonly string[]).includes(kind) ? (kind as CaseKind) : null;
}

/** The keys the CLI promises, in its order; mediation adds its own figures. */
function annualReportObject(year: number, s: CaseStatistics) {
  return {
    year,
    kind: s.kind,
    received: s.received,
    accepted: s.accepted,
    rejected: s.rejected,
    merged: s.merged,
    concluded: s.concluded,
    onTime: s.onTime,
    overdue: s.overdue,
    openAtEnd: s.openAtEnd,
    overdueAtEnd: s.overdueAtEnd,
    onTimeRate: s.onTimeRate,
    handledWithoutOverdue: s.handledWithoutOverdue,
    sentence: s.sentence,
    byChannel: s.byChannel,
    byCategory: s.byCategory,
    byTownship: s.byTownship,
    byMonth: s.byMonth,
    medianHandlingDays: s.medianHandlingDays,
    meanHandlingDays: s.meanHandlingDays,
    satisfactionRate: s.satisfactionRate,
    ...(s.mediation ? { mediation: s.mediation } : {}),
  };
}

const show = (value: number | null, suffix = "") => (value === null ? "—" : `${value}${suffix}`);

function table(title: string, rows: BreakdownRow[]) {
  const width = Math.max(8, ...rows.map((row) => row.name.length * 2));
  const header = `${title.padEnd(width)}  received  concluded  on time  overdue  rate`;
  const lines = rows.map(
    (row) =>
      `${row.name.padEnd(width - row.name.length)}  ${String(row.received).padStart(8)}  ${String(row.concluded).padStart(9)}  ${String(row.onTime).padStart(7)}  ${String(row.overdue).padStart(7)}  ${show(row.onTimeRate, "%")}`,
  );
  return [header, ...lines].join("\n");
}

export function formatAnnualReport(report: Awaited<ReturnType<typeof annualReport>>) {
  const figures: [string, string | number][] = [
    ["received", report.received],
    ["accepted", report.accepted],
    ["rejected", report.rejected],
    ["merged", report.merged],
    ["concluded", report.concluded],
    ["on time", report.onTime],
    ["overdue", report.overdue],
    ["open at end", report.openAtEnd],
    ["overdue at end", report.overdueAtEnd],
    ["on-time rate", show(report.onTimeRate, "%")],
    ["median handling days", show(report.medianHandlingDays)],
    ["mean handling days", show(report.meanHandlingDays)],
    ["satisfaction rate", show(report.satisfactionRate, "%")],
  ];
  if (report.mediation) {
    const m = report.mediation;
    figures.push(["mediation applied / accepted", `${m.applied} / ${m.accepted}`]);
    figures.push(["succeeded / failed / withdrawn", `${m.succeeded} / ${m.failed} / ${m.withdrawn}`]);
    figures.push(["success rate", show(m.successRate, "%")]);
  }
  return [
    `${report.year} ${report.kind}`,
    report.sentence,
    "",
    ...figures.map(([name, value]) => `${name.padEnd(30)} ${value}`),
    "",
    table("channel", report.byChannel),
    "",
    table("category", report.byCategory),
    "",
    table("township", report.byTownship),
    "",
    table("month", report.byMonth),
  ].join("\n");
}

/** Every kind's annual figures for every year that has cases: what `migrate-data` compares on both sides. */
export async function allAnnualFigures() {
  const [first, last] = await Promise.all([
    prisma.case.findFirst({ orderBy: { receivedAt: "asc" }, select: { year: true } }),
    prisma.case.findFirst({ orderBy: { receivedAt: "desc" }, select: { year: true } }),
  ]);
  const figures: Record<string, Awaited<ReturnType<typeof annualReport>>> = {};
  if (!first || !last) return figures;
  // One year past the last receipt: conclusions of late-December cases fall there.
  for (let year = first.year; year <= last.year + 1; year += 1) {
    for (const kind of CASE_KINDS) figures[`${year} ${kind}`] = await annualReport(year, kind);
  }
  return figures;
}
