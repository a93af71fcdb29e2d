import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { normalizePhone, redactorFor } from "~/domain/masking";
import { LITERAL_SEARCH_LIMIT, literalTextCaseIds, textSearchCaseIds } from "../db/sql-dialect.server";

/**
 * The search box: case number, text (through the trigram index of the dialect), phone and party names.
 * A viewer who sees identities masked (`maskedWithin`: their scope) finds a case only by what they see of
 * it: a term that matches a name or number hidden from them finds nothing, so a search cannot confirm a
 * guess at the masked complainant.
 */
export async function searchClause(q: string, maskedWithin: Prisma.CaseWhereInput | null): Promise<Prisma.CaseWhereInput> {
  const clause = await unmaskedSearchClause(q, maskedWithin === null);
  if (maskedWithin === null) return clause;
  return { id: { in: await matchesAsSeenMasked(q, { AND: [maskedWithin, clause] }) } };
}

/** Of the cases `where` finds, those whose text still contains `q` once masked as their viewer sees it. */
async function matchesAsSeenMasked(q: string, where: Prisma.CaseWhereInput): Promise<number[]> {
  const candidates = await prisma.case.findMany({
    where,
    take: LITERAL_SEARCH_LIMIT,
    select: {
      id: true,
      caseNo: true,
      subject: true,
      address: true,
      description: true,
      complainantName: true,
      complainantPhone: true,
      consentToDisclose: true,
      parties: { select: { type: true, name: true, phone: true, address: true } },
    },
  });
  return candidates
    .filter((record) => {
      const seen = redactorFor(record);
      if (record.caseNo.includes(q.toUpperCase())) return true;
      return [record.subject, record.address, record.description].some((text) => seen(text).includes(q));
    })
    .map((record) => record.id);
}

async function unmaskedSearchClause(q: string, mayMatchPhone: boolean): Promise<Prisma.CaseWhereInput> {
  const digits = normalizePhone(q);
  if (/[%_\\]/.test(q)) return { id: { in: await literalTextCaseIds(prisma, q, mayMatchPhone) } };
  const indexed = await textSearchCaseIds(prisma, q);
  const text: Prisma.CaseWhereInput[] = indexed
    ? [{ id: { in: indexed } }]
    : [{ description: { contains: q } }, { subject: { contains: q } }, { address: { contains: q } }];
  return {
    OR: [
      { caseNo: { contains: q.toUpperCase() } },
      ...(mayMatchPhone && digits.length >= 4 && digits.length === q.replace(/[\s-]/g, "").length
        ? [{ complainantPhone: { contains: digits } }]
        : []),
      ...text,
      // Mediation parties by name; their contact details are as confidential as a complainant's.
      ...(mayMatchPhone ? [{ parties: { some: { name: { contains: q } } } }] : []),
    ],
  };
}
