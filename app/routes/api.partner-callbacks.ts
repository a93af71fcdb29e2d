import type { ActionFunctionArgs } from "@remix-run/node";
import { partnerCallbackSchema } from "~/forms/api";
import { t } from "~/i18n";
import { logger } from "~/logger.server";
import { receivePartnerCallback } from "~/models/transfers-out/partners.server";
import { clientAddressOf } from "~/session.server";
import { parseJsonText, readBodyText } from "~/utils/request-input.server";

/**
 * `POST /api/partner-callbacks`: a partner Greenline's answer about a case we transferred to it — its own
 * callback to the key it issued us (docs/integrations.md "Transfers out"), signed with that key, which
 * only the partner and we hold; the signature tells which partner it is.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST")
    return Response.json({ error: t("error.badRequest") }, { status: 405, headers: { Allow: "POST" } });
  const raw = await readBodyText(request, 64 * 1024);
  // The signature first: nothing of an unsigned body is parsed.
  const { outcome, partnerId } = await receivePartnerCallback(raw, request.headers, parseCallback);
  logger.info({ partnerCallback: outcome, partnerId, clientAddress: clientAddressOf(request) }, "partner callback");
  switch (outcome) {
    case "recorded":
    case "already-recorded":
      return Response.json({ status: outcome });
    case "badSignature":
      return Response.json({ error: t("error.badSignature") }, { status: 401 });
    case "expired":
      return Response.json({ error: t("error.signatureExpired") }, { status: 401 });
    case "unreadable":
      return Response.json({ error: t("error.badRequest") }, { status: 400 });
    case "conflict":
      // The desk kept changing the case while the answer was recorded: the partner's queue sends it again.
      return Response.json({ error: t("case.stale") }, { status: 503, headers: { "Retry-After": "5" } });
    default:
      return Response.json({ error: t("error.unknownTransfer") }, { status: 404 });
  }
}

function parseCallback(raw: string) {
  const callback = partnerCallbackSchema.safeParse(parseJsonText(raw));
  return callback.success ? callback.data : null;
}

export function loader() {
  return Response.json({ error: t("error.badRequest") }, { status: 405, headers: { Allow: "POST" } });
}
