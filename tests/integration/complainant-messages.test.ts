import { type Server, createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "~/config.server";
import { prisma } from "~/db.server";
import { registerCase } from "~/models/case/service.server";
import { messagesOfCase, saveMessageTemplates } from "~/models/outbox/complainant-messages.server";
import { deliverWebhook, saveDestinationSettings } from "~/models/outbox/webhooks.server";
import { checkSignature, signedHeaders } from "~/models/outbox/signed-deliveries.server";
import { sweepDueSteps } from "~/models/deadlines/sweep.server";
import { startApp } from "../support/browser";
import { act, actInTurn, assignedCase, at, intakeFields, setUpWorld } from "../support/fixtures";

/**
 * Messages to complainants (docs/domain.md "Messages to complainants"): written with the step that sends
 * them, handed to a local stand-in for the bureau's SMS gateway as signed `sms` webhook events, and
 * confirmed by the gateway's signed receipts through the running web server.
 */
let world: Awaited<ReturnType<typeof setUpWorld>>;
let app: Awaited<ReturnType<typeof startApp>>;
let gateway: Server;
const handedOver: { body: Record<string, unknown>; raw: string; headers: Headers }[] = [];
const secret = "sms-gateway-secret-for-tests";

beforeAll(async () => {
  world = await setUpWorld();
  gateway = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      handedOver.push({ body: JSON.parse(body), raw: body, headers: new Headers(request.headers as Record<string, string>) });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  const { port } = gateway.address() as { port: number };
  await saveDestinationSettings("sms", `http://127.0.0.1:${port}/sms`, secret);
  app = await startApp();
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => gateway.close(resolve));
});

async function handOverAll(caseId: number) {
  for (const message of await prisma.complainantMessage.findMany({ where: { caseId } })) await deliverWebhook(message.eventId);
}

const texts = async (caseId: number) =>
  (await prisma.complainantMessage.findMany({ where: { caseId }, orderBy: { id: "asc" } })).map((m) => [m.event, m.text]);

let receiptCount = 0;
/** A receipt as the gateway posts it, signed under `signingSecret` at `at` (null: unsigned). */
const postReceipt = (
  body: string,
  signingSecret: string | null,
  at = new Date(),
  deliveryId = `receipt-${(receiptCount += 1)}`,
) =>
  fetch(`${app.baseUrl}/api/sms-receipts`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(signingSecret ? signedHeaders(signingSecret, { id: deliveryId, body }, at) : {}),
    },
    body,
  });

describe("messages to complainants", { timeout: 120_000 }, () => {
  it("tell the complainant of receipt, acceptance, extension, answer and closure, in the templates' words", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00", { complainantPhone: "138-0000-2222" });
    await actInTurn(created.caseNo, [
      [world.gunan, { action: "requestExtension", amount: 5, reason: "需等待监测报告（内部）" }, "2026-03-10 09:00"],
      [world.dispatcher, { action: "approveExtension", note: "同意（内部意见）" }, "2026-03-10 10:00"],
      [world.gunan, { action: "submit", text: "已现场核查（内部记录）" }, "2026-03-12 09:00"],
      [world.dispatcher, { action: "conclude", text: "经核查，已责令停止夜间施工。" }, "2026-03-12 10:00"],
      [world.dispatcher, { action: "close", satisfaction: "满意" }, "2026-03-13 10:00"],
    ]);
    const sent = await texts(created.id);
    expect(sent.map(([event]) => event)).toEqual(["receipt", "accepted", "extended", "answered", "closed"]);
    const [receipt, accepted, extended, answered] = sent.map(([, text]) => text);
    expect(receipt).toContain(created.caseNo);
    expect(receipt).toContain("2026-03-02");
    expect(accepted).toMatch(/将于2026-03-\d\d前答复/);
    // A complaint's extension tells no reason (only petitions and mediations record what the parties were told).
    expect(extended).toMatch(/延长5天，将于2026-03-30前答复您。$/);
    expect(answered).toContain("经核查，已责令停止夜间施工。");
    // Nothing internal, nobody else's name.
    for (const [, text] of sent) {
      // Signed with the bureau's configured name.
      expect(text.startsWith("【綦江区生态环境局】")).toBe(true);
      expect(text).not.toContain("内部");
      expect(text).not.toContain("测试人");
      expect(text).not.toMatch(/\{\w+\}/);
    }
  });

  it("hands each message to the gateway once, signed, with the phone number, and shows where it stands on the case", async () => {
    const created = await registerCase(world.operator, await intakeFields({ complainantPhone: "13800003333" }), {
      scheduleJobs: false,
    });
    await act(world.dispatcher, created.caseNo, { action: "reject", reason: "不属于本局职责，请向区住建委反映" });
    await handOverAll(created.id);
    await handOverAll(created.id); // a repeated attempt sends nothing twice
    const mine = handedOver.filter((entry) => entry.body.caseNo === created.caseNo);
    expect(mine.map((entry) => entry.body.event)).toEqual(["sms", "sms"]);
    expect(mine[1].body).toMatchObject({ phone: "13800003333" });
    expect(String(mine[1].body.text)).toContain("不属于本局职责，请向区住建委反映");
    for (const entry of mine) {
      const { eventId: _eventId, at: _at, ...rest } = entry.body;
      expect(Object.keys(rest).sort()).toEqual(["caseNo", "event", "messageId", "phone", "text"]);
    }
    // The signature is over the time, the delivery id and the exact body the gateway received.
    for (const entry of mine) expect(checkSignature(secret, entry.headers, entry.raw).outcome).toBe("valid");
    expect((await messagesOfCase(created.id)).map((message) => message.status)).toEqual(["handedOver", "handedOver"]);

    // The gateway's receipts: one delivered, one failed; a repeat changes nothing; a forged one is refused.
    const [first, second] = mine.map((entry) => String(entry.body.eventId));
    const delivered = JSON.stringify({ eventId: first, status: "delivered" });
    expect((await postReceipt(delivered, secret)).status).toBe(200);
    const failed = JSON.stringify({ eventId: second, status: "failed", detail: "空号" });
    expect(await (await postReceipt(failed, secret)).json()).toEqual({ status: "recorded" });
    expect(await (await postReceipt(failed, secret)).json()).toEqual({ status: "already-recorded" });
    const forged = JSON.stringify({ eventId: second, status: "delivered" });
    expect((await postReceipt(forged, "not-the-secret")).status).toBe(401);
    // Signed with the secret, but six minutes ago: a captured receipt sent again later.
    expect((await postReceipt(forged, secret, new Date(Date.now() - 6 * 60_000))).status).toBe(401);
    expect((await postReceipt(forged, null)).status).toBe(401);
    const unknown = JSON.stringify({ eventId: "sms-0-0", status: "delivered" });
    expect((await postReceipt(unknown, secret)).status).toBe(404);
    const malformed = JSON.stringify({ eventId: first, status: "read" });
    expect((await postReceipt(malformed, secret)).status).toBe(400);
    expect((await postReceipt("{not json", secret)).status).toBe(400);
    const statuses = await messagesOfCase(created.id);
    expect(statuses.map((message) => [message.status, message.gatewayDetail])).toEqual([
      ["delivered", null],
      ["undelivered", "空号"],
    ]);
  });

  it("are never sent to an anonymous report or to a complainant who refused them", async () => {
    const anonymous = await assignedCase(world, "2026-03-02 09:00", { complainantName: null, complainantPhone: null });
    const refused = await assignedCase(world, "2026-03-02 09:00", { refusesMessages: true });
    for (const created of [anonymous, refused]) {
      expect(await prisma.complainantMessage.count({ where: { caseId: created.id } })).toBe(0);
    }
  });

  it("follow the administrator's template, which may use only the variables", async () => {
    await saveMessageTemplates({ accepted: "【测试】{caseNo} 已受理，{dueDate}前答复。" });
    try {
      const created = await assignedCase(world, "2026-03-02 09:00");
      const [, accepted] = (await texts(created.id)).find(([event]) => event === "accepted")!;
      expect(accepted).toBe(`【测试】${created.caseNo} 已受理，2026-03-23前答复。`);
    } finally {
      await saveMessageTemplates({ accepted: "" });
    }
  });
  it(
    "are written by a burst of registrations larger than the pool while their templates are read again",
    { timeout: 30_000 },
    async () => {
      // A registration holds the year's numbers when it writes its receipt. The templates, changed meanwhile,
      // are read through its own transaction: through the pool, that read waited (on PostgreSQL, until the
      // transaction timed out) for a connection that every other registration held, queued behind it.
      await saveMessageTemplates({ receipt: "" });
      const fields = await intakeFields();
      const burst = Array.from({ length: config().DATABASE_POOL_SIZE + 2 }, (_, i) =>
        registerCase(world.operator, { ...fields, subject: `连夜赶工的搅拌站${i}` }, { scheduleJobs: false }),
      );
      const created = await Promise.all(burst);
      const receipts = await prisma.complainantMessage.count({
        where: { caseId: { in: created.map((c) => c.id) }, event: "receipt" },
      });
      expect(receipts).toBe(created.length);
    },
  );

  it("go to the SMS gateway alone: the chat webhook gets the ladder's notices and never a phone or a message", async () => {
    const chat: Record<string, unknown>[] = [];
    const chatServer = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        chat.push(JSON.parse(body));
        response.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => chatServer.listen(0, "127.0.0.1", resolve));
    const { port } = chatServer.address() as { port: number };
    await saveDestinationSettings("webhook", `http://127.0.0.1:${port}/chat`, "chat-robot-secret-for-tests");
    try {
      const created = await assignedCase(world, "2026-03-02 09:00", { complainantPhone: "139-1111-2222" });
      await sweepDueSteps(at("2026-03-24 09:00")); // overdue: a notice for the chat
      const deliveries = await prisma.webhookDelivery.findMany({ where: { status: "pending" } });
      const before = handedOver.length;
      for (const delivery of deliveries) await deliverWebhook(delivery.eventId);
      const toGateway = handedOver.slice(before).map((entry) => entry.body);
      expect(toGateway.filter((body) => body.caseNo === created.caseNo).map((body) => body.event)).toEqual(["sms", "sms"]);
      expect(toGateway.every((body) => body.event === "sms")).toBe(true);
      const chatAboutCase = chat.filter((body) => JSON.stringify(body).includes(created.caseNo));
      expect(chatAboutCase.length).toBeGreaterThan(0);
      for (const body of chat) {
        expect(body.event).not.toBe("sms");
        expect(JSON.stringify(body)).not.toContain("13911112222");
      }
    } finally {
      await saveDestinationSettings("webhook", "", "");
      await new Promise((resolve) => chatServer.close(resolve));
    }
  });
});
