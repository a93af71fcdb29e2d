import type { ActionFunctionArgs } from "@remix-run/node";
import { smsReceiptSchema } from "~/forms/sms-receipt";
import { t } from "~/i18n";
import { recordGatewayReceipt } from "~/models/outbox/complainant-messages.server";
import { getDestinationSettings } from "~/models/outbox/webhooks.server";
import { checkSignature } from "~/models/outbox/signed-deliveries.server";
import { withoutControlCharacters } from "~/domain/security";
import { parseJsonText, readBodyText } from "~/utils/request-input.server";

/**
 * `POST /api/sms-receipts`: the bureau's SMS gateway says whether a message it was handed reached the
 * phone. It is signed like our events (docs/integrations.md "Signatures": time, delivery id and body), under
 * the SMS gateway's own secret (not the chat webhook's), so only the gateway that holds it can confirm
 * anything, and only now. A repeated receipt changes nothing: the message's state says so.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: t("error.badRequest") }, { status: 405 });
  const raw = await readBodyText(request, 4096);
  const { secret } = await getDestinationSettings("sms");
  // The signature first: nothing of an unsigned body is parsed.
  const signature = checkSignature(secret, request.headers, raw);
  if (signature.outcome !== "valid") {
    return Response.json(
      { error: t(signature.outcome === "expired" ? "error.signatureExpired" : "error.badSignature") },
      { status: 401 },
    );
  }
  const receipt = smsReceiptSchema.safeParse(parseJsonText(raw));
  if (!receipt.success) return Response.json({ error: t("error.smsReceipt") }, { status: 400 });
  const outcome = await recordGatewayReceipt({
    eventId: receipt.data.eventId,
    delivered: receipt.data.status === "delivered",
    detail: receipt.data.detail ? withoutControlCharacters(receipt.data.detail) : null,
    at: new Date(),
  });
  if (outcome === "unknown") return Response.json({ error: t("error.unknownMessage") }, { status: 404 });
  return Response.json({ status: outcome });
}

export function loader() {
  return Response.json({ error: t("error.badRequest") }, { status: 405, headers: { Allow: "POST" } });
}
