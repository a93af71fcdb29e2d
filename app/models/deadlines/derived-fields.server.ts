import { type Transaction, prisma } from "~/db.server";
import {
  type DerivedDeadlineFields,
  type MilestoneFacts,
  deriveDeadlineFields,
  disagreeingFields,
} from "~/domain/case-deadlines";

/** The derived deadline fields of cases, written and checked (docs/decisions/0019). */

const FACTS = {
  caseId: true,
  round: true,
  milestone: true,
  status: true,
  warningAt: true,
  dueAt: true,
  metAt: true,
  nextStep: true,
  pausedAt: true,
} as const;
const STORED = { id: true, round: true, nextDueAt: true, nextWarningAt: true, dueAt: true, overdue: true } as const;

/** Each case's derived deadline fields as stored, and as its milestones derive them now. */
async function derivationsOf(db: Transaction, caseIds: number[]) {
  const [cases, milestones] = await Promise.all([
    db.case.findMany({ where: { id: { in: caseIds } }, select: STORED }),
    db.caseMilestone.findMany({ where: { caseId: { in: caseIds } }, select: FACTS }),
  ]);
  const byCase = new Map<number, MilestoneFacts[]>();
  for (const milestone of milestones) byCase.set(milestone.caseId, [...(byCase.get(milestone.caseId) ?? []), milestone]);
  return cases.map((stored) => ({ stored, derived: deriveDeadlineFields(stored.round, byCase.get(stored.id) ?? []) }));
}

/**
 * Keeps the cases' derived deadline fields (app/domain/case-deadlines.ts) in step with their milestones,
 * inside the caller's transaction: the one writer of those fields after a case exists. Cases whose
 * fields already agree are not written; the rest are written in one statement per distinct change.
 */
export async function refreshDerivedDeadlines(tx: Transaction, caseIds: number[]) {
  const changes = new Map<string, { data: Partial<DerivedDeadlineFields>; ids: number[] }>();
  for (const { stored, derived } of await derivationsOf(tx, [...new Set(caseIds)])) {
    const fields = disagreeingFields(stored, derived);
    if (fields.length === 0) continue;
    const data = Object.fromEntries(fields.map((field) => [field, derived[field]])) as Partial<DerivedDeadlineFields>;
    const key = JSON.stringify(data);
    const change = changes.get(key) ?? { data, ids: [] };
    change.ids.push(stored.id);
    changes.set(key, change);
  }
  for (const { data, ids } of changes.values()) await tx.case.updateMany({ where: { id: { in: ids } }, data });
}

/**
 * Every case whose stored deadline fields disagree with a fresh derivation from its milestones (for
 * `greenline verify` after an upgrade, and the property test), read in batches by id.
 */
export async function disagreeingDeadlines(batchSize = 2000) {
  const found: {
    caseNo: string;
    fields: (keyof DerivedDeadlineFields)[];
    stored: DerivedDeadlineFields;
    derived: DerivedDeadlineFields;
  }[] = [];
  let checked = 0;
  for (let lastId = 0; ;) {
    const batch = await prisma.case.findMany({
      where: { id: { gt: lastId } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, caseNo: true },
    });
    if (batch.length === 0) break;
    lastId = batch[batch.length - 1].id;
    checked += batch.length;
    const caseNos = new Map(batch.map((c) => [c.id, c.caseNo]));
    for (const { stored, derived } of await derivationsOf(prisma, [...caseNos.keys()])) {
      const fields = disagreeingFields(stored, derived);
      if (fields.length > 0) found.push({ caseNo: caseNos.get(stored.id)!, fields, stored, derived });
    }
  }
  return { checked, found };
}
