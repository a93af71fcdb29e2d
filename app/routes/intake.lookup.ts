import { searchParamsOf } from "~/utils/request-input.server";
import { parseId } from "~/utils/forms";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { intakeLookups } from "~/models/case/intake-lookups.server";
import { requireUser } from "~/session.server";
import { choiceFor } from "~/domain/typed-choice";
import { loadIntakeChoices } from "~/models/reference/choices.server";

/** The caller's earlier cases and possible duplicates, for the intake form as it is typed. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["operator", "dispatcher"]);
  const params = searchParamsOf(request);
  // The township and category as typed: a name, its stem or initials (app/domain/typed-choice.ts).
  const choices = await loadIntakeChoices();
  return intakeLookups({
    phone: params.get("complainantPhone") ?? undefined,
    townshipId: parseId(choiceFor(params.get("townshipId") ?? "", choices.townships)?.value) ?? undefined,
    category: choiceFor(params.get("category") ?? "", choices.categories)?.value,
    subject: params.get("subject") ?? undefined,
    address: params.get("address") ?? undefined,
  });
}
