import { searchParamsOf } from "~/utils/request-input.server";
import { parseId } from "~/utils/forms";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { intakeLookups } from "~/models/case/intake-lookups.server";
import { requireUser } from "~/session.server";

/** The caller's earlier cases and possible duplicates, for the intake form as it is typed. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["operator", "dispatcher"]);
  const params = searchParamsOf(request);
  return intakeLookups({
    phone: params.get("complainantPhone") ?? undefined,
    townshipId: parseId(params.get("townshipId")) ?? undefined,
    category: params.get("category") || undefined,
    subject: params.get("subject") ?? undefined,
    address: params.get("address") ?? undefined,
  });
}
