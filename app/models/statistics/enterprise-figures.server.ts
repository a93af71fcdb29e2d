import { prisma } from "~/db.server";
import type { StatisticsPeriod } from "~/domain/statistics";
import { t } from "~/i18n";

/**
 * The register's figures of a period (docs/domain.md "Statistics", "Units, repeat reports and cards"):
 * complaints by unit and by industry, the units with the most repeat-report warnings, and the cards
 * issued and lifted. Grouped by the database; only the groups' rows are read.
 */

/** How many units the lists of the most complained-about and most repeated show. */
export const TOP_UNITS = 10;

export interface EnterpriseFigures {
  /** Complaints received in the period about a registered unit, and about an unregistered respondent. */
  aboutUnits: number;
  aboutUnregistered: number;
  byUnit: { unitId: number; name: string; creditCode: string; industry: string; complaints: number }[];
  byIndustry: { industry: string; complaints: number }[];
  /** Units by the repeat-report warnings raised in the period, and the complaints those warnings count. */
  mostRepeated: { unitId: number; name: string; warnings: number; complaints: number }[];
  cards: { yellowIssued: number; yellowUnits: number; redIssued: number; redUnits: number; lifted: number };
  sentence: string;
}

const inPeriod = (period: StatisticsPeriod) => ({ gte: period.start, lt: period.end });

export async function enterpriseFigures(period: StatisticsPeriod): Promise<EnterpriseFigures> {
  const received = { kind: "complaint", receivedAt: inPeriod(period) };
  const [byRespondent, unregistered, warnings, issued, lifted] = await Promise.all([
    prisma.case.groupBy({ by: ["respondentId"], where: { ...received, respondentId: { not: null } }, _count: { _all: true } }),
    prisma.case.count({ where: { ...received, respondentId: null } }),
    prisma.repeatReportWarning.findMany({
      where: { raisedAt: inPeriod(period) },
      select: { unitId: true, _count: { select: { cases: true } } },
    }),
    prisma.unitCard.findMany({ where: { issuedAt: inPeriod(period) }, select: { unitId: true, colour: true } }),
    prisma.unitCard.count({ where: { liftedAt: inPeriod(period) } }),
  ]);
  const unitIds = [...new Set([...byRespondent.map((row) => row.respondentId!), ...warnings.map((row) => row.unitId)])];
  const units = new Map(
    (
      await prisma.regulatedUnit.findMany({
        where: { id: { in: unitIds } },
        select: { id: true, name: true, creditCode: true, industry: true },
      })
    ).map((unit) => [unit.id, unit]),
  );
  const byUnit = byRespondent
    .map((row) => {
      const unit = units.get(row.respondentId!)!;
      return {
        unitId: unit.id,
        name: unit.name,
        creditCode: unit.creditCode,
        industry: unit.industry,
        complaints: row._count._all,
      };
    })
    .sort((a, b) => b.complaints - a.complaints || a.name.localeCompare(b.name, "zh"));
  const industries = new Map<string, number>();
  for (const row of byUnit) industries.set(row.industry, (industries.get(row.industry) ?? 0) + row.complaints);
  const repeated = new Map<number, { warnings: number; complaints: number }>();
  for (const warning of warnings) {
    const tally = repeated.get(warning.unitId) ?? { warnings: 0, complaints: 0 };
    tally.warnings += 1;
    tally.complaints += warning._count.cases;
    repeated.set(warning.unitId, tally);
  }
  const ofColour = (colour: string) => issued.filter((card) => card.colour === colour);
  const cards = {
    yellowIssued: ofColour("yellow").length,
    yellowUnits: new Set(ofColour("yellow").map((card) => card.unitId)).size,
    redIssued: ofColour("red").length,
    redUnits: new Set(ofColour("red").map((card) => card.unitId)).size,
    lifted,
  };
  return {
    aboutUnits: byUnit.reduce((total, row) => total + row.complaints, 0),
    aboutUnregistered: unregistered,
    byUnit: byUnit.slice(0, TOP_UNITS),
    byIndustry: [...industries]
      .map(([industry, complaints]) => ({ industry, complaints }))
      .sort((a, b) => b.complaints - a.complaints || a.industry.localeCompare(b.industry, "zh")),
    mostRepeated: [...repeated]
      .map(([unitId, tally]) => ({ unitId, name: units.get(unitId)!.name, ...tally }))
      .sort((a, b) => b.complaints - a.complaints || b.warnings - a.warnings || a.name.localeCompare(b.name, "zh"))
      .slice(0, TOP_UNITS),
    cards,
    sentence: t("report.cardSentence", { yellow: cards.yellowUnits, red: cards.redUnits }),
  };
}
