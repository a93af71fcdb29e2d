import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { normalizePhone } from "~/domain/masking";
import { literalTextCaseIds, textSearchCaseIds } from "../db/sql-dialect.server";

/** The search box: case number, text (through the trigram index of the dialect), phone and party names. */
export async function searchClause(q: string, mayMatchPhone: boolean): Promise<Prisma.CaseWhereInput> {
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
