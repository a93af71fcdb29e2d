import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { jointProgressSchema, partnerCallbackSchema } from "~/forms/api";
import { signedHeaders } from "~/models/outbox/signed-deliveries.server";
import { callbackSigningSecret } from "~/models/transfers-in/api-keys.server";
import {
  partnerOfSignature,
  receivePartnerCallback,
  recordPartnerCallback,
  setPartnerActive,
} from "~/models/transfers-out/partners.server";
import { act, assignedCase, setUpWorld } from "../support/fixtures";

/**
 * What a partner's signed callback may no longer do: speak for a deactivated partner, another case or the
 * future, or be sent again later or under another delivery id.
 */
let world: Awaited<ReturnType<typeof setUpWorld>>;
let keys = 0;
/** Each partner issues its own key. */
const newApiKey = () => `gl_abcdefgh_${String((keys += 1)).padStart(32, "b")}`;

beforeAll(async () => {
  world = await setUpWorld();
});

async function transferredCase() {
  const apiKey = newApiKey();
  const partner = await prisma.partner.create({
    data: {
      name: `邻区${Math.random().toString(36).slice(2, 8)}`,
      kind: "greenline",
      baseUrl: "http://127.0.0.1:9",
      apiKey,
      townships: '["东溪镇"]',
    },
  });
  const created = await assignedCase(world, "2026-03-02 09:00");
  await act(
    world.dispatcher,
    created.caseNo,
    {
      action: "transferOut",
      partnerId: partner.id,
      mode: "transfer",
      reason: "跨区",
      legalBasis: "信访工作条例",
      partnerTownship: "东溪镇",
      replyDays: null,
    },
    "2026-03-02 10:00",
  );
  const transfer = await prisma.caseTransfer.findFirstOrThrow({ where: { caseId: created.id } });
  return { partner, caseNo: created.caseNo, transfer, apiKey };
}

describe("partner callbacks", () => {
  it("from a deactivated partner are refused like forged ones", async () => {
    const { partner, apiKey } = await transferredCase();
    const raw = JSON.stringify({ event: "accepted", workOrderNo: "x" });
    const headers = new Headers(signedHeaders(callbackSigningSecret(apiKey), { id: "delivery-1", body: raw }, new Date()));
    expect((await partnerOfSignature(raw, headers))?.partner.id).toBe(partner.id);
    await setPartnerActive(partner.id, false);
    expect(await partnerOfSignature(raw, headers)).toBeNull();
  });

  it("must name the transfer's whole work-order number, not another case's with the same transfer id", async () => {
    const { partner, caseNo, transfer } = await transferredCase();
    const other = (await assignedCase(world, "2026-03-03 09:00")).caseNo;
    const forged = { event: "answered", caseNo: "DX-1", workOrderNo: `${other}-Y${transfer.id}`, case: { answer: "已办结" } };
    expect(await recordPartnerCallback(partner, forged)).toBe(false);
    expect(await prisma.caseTransfer.findUniqueOrThrow({ where: { id: transfer.id } })).toMatchObject({
      remoteCaseNo: null,
      repliedAt: null,
    });
    const genuine = { ...forged, workOrderNo: `${caseNo}-Y${transfer.id}`, event: "accepted" };
    expect(await recordPartnerCallback(partner, genuine)).toBe(true);
  });

  it("and progress reports may not report a time ahead of our clock, which would outrank every later report", () => {
    const callback = { event: "accepted", workOrderNo: "TS-2026-00001-Y1" };
    for (const at of ["9999-12-31T23:59:59+08:00", "2099-01-01T00:00:00+08:00", new Date(Date.now() + 3_600_000).toISOString()]) {
      expect(partnerCallbackSchema.safeParse({ ...callback, at }).success, at).toBe(false);
      expect(jointProgressSchema.safeParse({ stage: "handling", at }).success, at).toBe(false);
    }
    const now = new Date().toISOString();
    expect(partnerCallbackSchema.safeParse({ ...callback, at: now }).success).toBe(true);
    expect(jointProgressSchema.safeParse({ stage: "handling", at: now }).success).toBe(true);
  });

  it("are refused when signed more than five minutes from our clock, and a repeated delivery changes nothing", async () => {
    const { partner, caseNo, transfer, apiKey } = await transferredCase();
    const secret = callbackSigningSecret(apiKey);
    const body = (answer: string) =>
      JSON.stringify({ event: "answered", workOrderNo: `${caseNo}-Y${transfer.id}`, case: { stage: "answered", answer } });
    const parse = (raw: string) => {
      const parsed = partnerCallbackSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    };
    const receive = (raw: string, headers: Record<string, string>) => receivePartnerCallback(raw, new Headers(headers), parse);
    const minutes = (n: number) => new Date(Date.now() + n * 60_000);
    const replyOf = async () => (await prisma.caseTransfer.findUniqueOrThrow({ where: { id: transfer.id } })).replyText;

    // Captured six minutes ago, or dated six minutes ahead: refused, whatever it says.
    for (const at of [minutes(-6), minutes(6)]) {
      const raw = body("重放的答复");
      expect(await receive(raw, signedHeaders(secret, { id: `late-${at.getTime()}`, body: raw }, at))).toEqual({
        outcome: "expired",
        partnerId: partner.id,
      });
    }
    expect(await replyOf()).toBeNull();

    // Within the window: recorded once; the same delivery again is a repeat; its signature under another id is forged.
    const raw = body("已查处并答复");
    const headers = signedHeaders(secret, { id: "answer-1", body: raw }, minutes(-4));
    expect((await receive(raw, headers)).outcome).toBe("recorded");
    expect(await replyOf()).toBe("已查处并答复");
    expect((await receive(raw, headers)).outcome).toBe("already-recorded");
    expect((await receive(raw, { ...headers, "x-greenline-event": "answer-2" })).outcome).toBe("badSignature");
    expect((await receive(raw, { ...headers, "x-greenline-timestamp": String(Math.floor(Date.now() / 1000)) })).outcome).toBe(
      "badSignature",
    );
    const { "x-greenline-timestamp": _timestamp, ...withoutTime } = headers;
    expect((await receive(raw, withoutTime)).outcome).toBe("badSignature");
    expect(await prisma.receivedDelivery.count({ where: { sender: `partner:${partner.id}` } })).toBe(1);
  });
});
