import type { ActionFunctionArgs } from "@remix-run/node";
import { t } from "~/i18n";
import { logger } from "~/logger.server";
import { clientAddressOf } from "~/session.server";
import { StaleVersionError } from "~/models/errors";
import { receivePartnerCallback } from "~/models/partners.server";
import { SIGNATURE_HEADER } from "~/models/webhooks.server";
import { readJsonBody } from "~/utils/request-input.server";

/**
 * `POST /api/partner-callbacks`: a partner Greenline's answer about a case we transferred to
 * it — its own callback to the key it issued us (docs/integrations.md "Transfers out"), signed with that
 * key, which only the partner and we hold.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST")
    return Response.json({ error: t("error.badRequest") }, { status: 405, headers: { Allow: "POST" } });
  const { raw } = await readJsonBody(request, 64 * 1024);
  let outcome: Awaited<ReturnType<typeof receivePartnerCallback>>;
  try {
    outcome = await receivePartnerCallback(raw, request.headers.get(SIGNATURE_HEADER));
  } catch (error) {
    // The desk kept changing the case while the answer was recorded: the partner's queue sends it again.
    if (error instanceof StaleVersionError) {
      return Response.json({ error: t("case.stale") }, { status: 503, headers: { "Retry-After": "5" } });
    }
    throw error;
  }
  logger.info({ partnerCallback: outcome, clientAddress: clientAddressOf(request) }, "partner callback");
  switch (outcome) {
    case "recorded":
      return Response.json({ status: outcome });
    case "unknownPartner":
      return Response.json({ error: t("error.badSignature") }, { status: 401 });
    case "unreadable":
      return Response.json({ error: t("error.badRequest") }, { status: 400 });
    default:
      return Response.json({ error: t("error.unknownTransfer") }, { status: 404 });
  }
}

export function loader() {
  return Response.json({ error: t("error.badRequest") }, { status: 405, headers: { Allow: "POST" } });
}
