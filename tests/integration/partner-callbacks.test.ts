import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { jointProgressSchema, partnerCallbackSchema } from "~/forms/api";
import { signPayload } from "~/models/outbox/webhooks.server";
import { callbackSigningSecret } from "~/models/transfers-in/api-keys.server";
import { partnerOfSignature, recordPartnerCallback, setPartnerActive } from "~/models/transfers-out/partners.server";
import { act, assignedCase, setUpWorld } from "../support/fixtures";

/** What a partner's signed callback may no longer do: speak for a deactivated partner, another case, or the future. */
let world: Awaited<ReturnType<typeof setUpWorld>>;
const apiKey = `gl_abcdefgh_${"b".repeat(32)}`;

beforeAll(async () => {
  world = await setUpWorld();
});

async function transferredCase() {
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
  return { partner, caseNo: created.caseNo, transfer };
}

describe("partner callbacks", () => {
  it("from a deactivated partner are refused like forged ones", async () => {
    const { partner } = await transferredCase();
    const raw = JSON.stringify({ event: "accepted", workOrderNo: "x" });
    const signature = signPayload(callbackSigningSecret(apiKey), raw);
    expect((await partnerOfSignature(raw, signature))?.id).toBe(partner.id);
    await setPartnerActive(partner.id, false);
    expect(await partnerOfSignature(raw, signature)).toBeNull();
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
});
