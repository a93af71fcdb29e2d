import type { LoaderFunctionArgs } from "@remix-run/node";
import { INTAKE_ROLES } from "~/domain/roles";
import { searchUnits } from "~/models/enterprises/register.server";
import { requireUser } from "~/session.server";
import { searchParamsOf } from "~/utils/request-input.server";

/** Registered units whose name, former name or code starts with or contains what the operator typed, for the intake. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, INTAKE_ROLES);
  const q = (searchParamsOf(request).get("q") ?? "").trim();
  if (q.length < 2) return { units: [] };
  const units = await searchUnits(user, q, 8);
  return {
    units: units.map((unit) => ({
      name: unit.name,
      creditCode: unit.creditCode,
      township: unit.township.name,
      creditGrade: unit.creditGrades[0] ?? null,
      repeatWarning: unit.repeatWarnings[0]
        ? { count: unit.repeatWarnings[0]._count.cases, until: unit.repeatWarnings[0].windowEndsAt }
        : null,
    })),
  };
}
