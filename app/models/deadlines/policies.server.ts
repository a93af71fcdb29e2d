import { InputError } from "../errors";
import { prisma } from "~/db.server";
import { type PolicyRules, validatePolicyRules } from "~/domain/policies";
import { toDomainPolicy } from "../reference/reference-data.server";
import { forgetReference } from "../reference/kept.server";

/** Every version, newest first within each scope, so that the page shows which one is current. */
export async function listPolicyVersions() {
  const rows = await prisma.deadlinePolicy.findMany({
    orderBy: [{ kind: "asc" }, { urgency: "asc" }, { effectiveFrom: "desc" }, { id: "desc" }],
    include: { _count: { select: { cases: true } } },
  });
  return rows.map((row) => ({ ...toDomainPolicy(row), caseCount: row._count.cases }));
}

/**
 * A change of policy is a new version with the same scope, taking effect at `effectiveFrom`; cases
 * received before then keep the version they were received under.
 */
export async function createPolicyVersion(baseId: number, rules: PolicyRules, effectiveFrom: Date) {
  const base = await prisma.deadlinePolicy.findUnique({ where: { id: baseId } });
  if (!base) throw new InputError({ rules: "policyInvalid" }, ["unknown policy"]);
  const problems = validatePolicyRules(rules);
  if (problems.length > 0) throw new InputError({ rules: "policyInvalid" }, problems);
  const version = await prisma.deadlinePolicy.create({
    data: {
      name: base.name,
      kind: base.kind,
      channel: base.channel,
      category: base.category,
      urgency: base.urgency,
      effectiveFrom,
      rules: JSON.stringify(rules),
    },
  });
  await forgetReference("policies");
  return version;
}
