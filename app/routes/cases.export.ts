import { searchParamsOf } from "~/utils/request-input.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatLocalDateTime } from "~/domain/local-time";
import { parseCaseListQuery } from "~/forms/case-list";
import { caseListWhere } from "~/models/case/lists.server";
import { exportLedger } from "~/models/ledger/export.server";
import { LEDGER_CONTENT_TYPES } from "~/models/ledger/file.server";
import { requireUser } from "~/session.server";

/** `/cases/export?…the case list's filters…&format=csv|xlsx`: the ledger of what the list shows this user. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = searchParamsOf(request);
  const format = params.get("format") === "csv" ? "csv" : "xlsx";
  const now = new Date();
  const file = await exportLedger(user, await caseListWhere(user, parseCaseListQuery(params), now), format, now);
  const stamp = formatLocalDateTime(now, false).replace(/\D/g, "").slice(0, 12);
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": LEDGER_CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`台账-${stamp}.${format}`)}`,
    },
  });
}
