import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { InputError } from "~/models/errors";
import { createServer } from "node:http";
import { OutboundRefusedError, outboundFetch, outboundProblem } from "~/models/outbox/outbound.server";
import { deliverWebhook, getDestinationSettings, saveDestinationSettings } from "~/models/outbox/webhooks.server";
import { createApiKey } from "~/models/transfers-in/api-keys.server";
import { createPartner } from "~/models/transfers-out/partners.server";
import { setUpWorld } from "../support/fixtures";

/**
 * The outbound-request policy where addresses are saved and where requests are sent. The test run
 * allows 127.0.0.1 and localhost (its own receivers); every other internal form is refused as in production.
 */
beforeAll(async () => {
  await setUpWorld();
});

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error.fieldErrors;
    throw error;
  }
  return null;
};

describe("requests of our own to internal addresses", () => {
  it("are refused by name after resolving it, and by every spelling of an address, unless the host is allowed", async () => {
    for (const address of ["http://localhost:6379", "http://127.0.0.1:6379", "http://2130706433:6379", "http://[::1]:5432"]) {
      expect(await outboundProblem(address, []), address).toBe("outboundInternal");
    }
    expect(await outboundProblem("http://127.0.0.1:6379", ["127.0.0.1"])).toBeNull();
    expect(await outboundProblem("http://does-not-exist.invalid/", [])).toBe("outboundUnresolved");
    expect(await outboundProblem("gopher://127.0.0.1:6379/", [])).toBe("outboundUrl");
  });

  it("are refused when the webhook, a key's callback or a partner is saved, and nothing is saved", async () => {
    const before = await getDestinationSettings("webhook");
    expect(await refusal(saveDestinationSettings("webhook", "http://[::1]:6379/", "a-secret-of-sixteen-chars"))).toEqual({
      url: "outboundInternal",
    });
    expect(await refusal(saveDestinationSettings("webhook", "http://0.0.0.0:5432/", "a-secret-of-sixteen-chars"))).toEqual({
      url: "outboundInternal",
    });
    expect(await getDestinationSettings("webhook")).toEqual(before);

    const keys = await prisma.apiKey.count();
    expect(
      await refusal(
        createApiKey({ name: "内网回调", scopes: ["statistics"], callbackUrl: "http://169.254.169.254/latest/meta-data" }),
      ),
    ).toEqual({ callbackUrl: "outboundInternal" });
    expect(await prisma.apiKey.count()).toBe(keys);

    const partners = await prisma.partner.count();
    for (const baseUrl of ["http://10.0.0.1", "http://[fe80::1]", "http://192.168.1.1:8080"]) {
      expect(
        await refusal(
          createPartner({
            name: `内网伙伴${baseUrl.length}`,
            kind: "greenline",
            baseUrl,
            apiKey: "gl_abcdefgh_" + "a".repeat(32),
            replyDays: 15,
          }),
        ),
        baseUrl,
      ).toEqual({ baseUrl: "outboundInternal" });
    }
    expect(await prisma.partner.count()).toBe(partners);
  });

  it("are never sent when a stored address points inside (saved before the policy, or the name now resolves there)", async () => {
    await prisma.setting.upsert({
      where: { key: "webhook.url" },
      create: { key: "webhook.url", value: "http://[::ffff:10.0.0.7]:6379/" },
      update: { value: "http://[::ffff:10.0.0.7]:6379/" },
    });
    await prisma.setting.upsert({
      where: { key: "webhook.secret" },
      create: { key: "webhook.secret", value: "a-secret-of-sixteen-chars" },
      update: { value: "a-secret-of-sixteen-chars" },
    });
    await prisma.webhookDelivery.create({
      data: { eventId: "outbound-test-1", status: "pending", createdAt: new Date(), payload: "{}" },
    });
    expect(await deliverWebhook("outbound-test-1")).toBe("refused");
    const delivery = await prisma.webhookDelivery.findUniqueOrThrow({ where: { eventId: "outbound-test-1" } });
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect(delivery.lastError).toContain("outboundInternal");
  });

  it("are refused on the address the connection opens, when the name answers otherwise the second time (DNS rebinding)", async () => {
    let requests = 0;
    const receiver = createServer((_request, response) => {
      requests += 1;
      response.end("internal");
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.address() as { port: number };
    try {
      // A public answer for the check, then the loopback address for the connection.
      let lookups = 0;
      const rebinding = async () => ((lookups += 1) === 1 ? ["203.0.113.10"] : ["127.0.0.1"]);
      const attempt = outboundFetch(
        `http://rebind.example:${port}/`,
        { method: "POST", body: "{}" },
        { resolve: rebinding, allowed: [] },
      );
      await expect(attempt).rejects.toBeInstanceOf(OutboundRefusedError);
      await expect(attempt).rejects.toMatchObject({ problem: "outboundInternal" });
      expect(lookups).toBe(2);
      expect(requests).toBe(0);

      // The same name, allowed by the administrator (a partner inside the government network), is reached.
      const internal = async () => ["127.0.0.1"];
      const allowed = await outboundFetch(
        `http://partner.internal:${port}/`,
        { method: "GET" },
        { resolve: internal, allowed: ["partner.internal"] },
      );
      expect(await allowed.text()).toBe("internal");
      expect(requests).toBe(1);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
