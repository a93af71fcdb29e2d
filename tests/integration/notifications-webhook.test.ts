import { createHmac } from "node:crypto";
import { type Server, createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { fireDeadlineStep } from "~/models/deadlines/ladder.server";
import { unreadNotificationCount } from "~/models/outbox/notifications.server";
import { saveDestinationSettings } from "~/models/outbox/webhooks.server";
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "~/models/outbox/signed-deliveries.server";
import { startWorkers } from "../../workers/index";
import { act, at, makeActor, setUpWorld, assignedCase as assignedFixture } from "../support/fixtures";

let world: Awaited<ReturnType<typeof setUpWorld>>;

beforeAll(async () => {
  world = await setUpWorld();
});

const assignedCase = (receivedAt: string) => assignedFixture(world, receivedAt);

const ref = (caseId: number, step: "warning" | "overdue" | "supervision") => ({ caseId, round: 1, milestone: "conclude", step });

describe("notifications of the ladder", () => {
  it("a warning goes to the assigned township, overdue also to dispatchers, supervision also to leaders", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    const recipientsOf = async (step: string) =>
      (await prisma.notification.findMany({ where: { caseId: created.id, kind: step } })).map((n) => n.userId).sort();
    await fireDeadlineStep(ref(created.id, "warning"), at("2026-03-21 00:00"));
    await fireDeadlineStep(ref(created.id, "overdue"), at("2026-03-24 00:00"));
    await fireDeadlineStep(ref(created.id, "supervision"), at("2026-03-27 00:00"));
    expect(await recipientsOf("warning")).toEqual([world.gunan.id]);
    expect(await recipientsOf("overdue")).toEqual([world.dispatcher.id, world.gunan.id].sort());
    expect(await recipientsOf("supervision")).toEqual([world.dispatcher.id, world.gunan.id, world.leader.id].sort());
    const message = (await prisma.notification.findFirstOrThrow({ where: { caseId: created.id, kind: "overdue" } })).message;
    expect(message).toContain(created.caseNo);
    expect(message).not.toContain("测试人");
    expect(await unreadNotificationCount(world.leader.id)).toBeGreaterThan(0);
  });

  it("a leader's supervision instruction reaches the township, which acknowledges it to the leader", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    await act(world.leader, created.caseNo, { action: "instruct", text: "请于本周内办结并报告。" }, "2026-03-10 09:00");
    const toTownship = await prisma.notification.findFirstOrThrow({
      where: { caseId: created.id, kind: "instruction", userId: world.gunan.id },
    });
    expect(toTownship.message).toContain("请于本周内办结并报告。");
    await act(world.gunan, created.caseNo, { action: "acknowledge" }, "2026-03-10 10:00");
    const instruction = await prisma.supervisionInstruction.findFirstOrThrow({ where: { caseId: created.id } });
    expect(instruction.acknowledgedById).toBe(world.gunan.id);
    expect(
      await prisma.notification.count({ where: { caseId: created.id, kind: "acknowledged", userId: world.leader.id } }),
    ).toBe(1);
    const actions = (await prisma.auditEvent.findMany({ where: { caseId: created.id }, orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions.slice(-2)).toEqual(["instruct", "acknowledge"]);
  });
});

describe("the outgoing webhook (real Redis, a local receiver)", () => {
  let receiver: Server;
  let stopWorker: (() => Promise<void>) | undefined;
  const received: { body: string; signature: string; signed: string }[] = [];
  /** "caseNo:event" pairs whose deliveries the receiver refuses, with how many times left. */
  const failuresFor = new Map<string, number>();
  const secret = "webhook-secret-for-tests";

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        received.push({
          body,
          signature: String(request.headers[SIGNATURE_HEADER]),
          signed: `${request.headers[TIMESTAMP_HEADER]}.${request.headers[DELIVERY_HEADER]}.${body}`,
        });
        const { caseNo, event } = JSON.parse(body);
        const failuresLeft = failuresFor.get(`${caseNo}:${event}`) ?? 0;
        if (failuresLeft > 0) {
          failuresFor.set(`${caseNo}:${event}`, failuresLeft - 1);
          response.writeHead(503).end();
        } else {
          response.writeHead(200).end("ok");
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.address() as { port: number };
    await saveDestinationSettings("webhook", `http://127.0.0.1:${port}/hook`, secret);
    // A fresh leader so that the steps here have recipients of their own.
    await makeActor("leader");
    stopWorker = await startWorkers({ concurrency: 2 });
  });

  afterAll(async () => {
    await stopWorker?.();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const receivedFor = (caseNo: string, event: string) =>
    received.filter((r) => JSON.parse(r.body).caseNo === caseNo && JSON.parse(r.body).event === event);

  async function deliveryOf(eventPrefix: string) {
    for (let i = 0; i < 100; i += 1) {
      const delivery = await prisma.webhookDelivery.findFirst({ where: { eventId: { startsWith: eventPrefix } } });
      if (delivery && delivery.status !== "pending") return delivery;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no finished delivery for ${eventPrefix}`);
  }

  it("posts the event as JSON signed with HMAC-SHA256 of the body", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    await fireDeadlineStep(ref(created.id, "overdue"), at("2026-03-24 00:00"));
    const delivery = await deliveryOf(`step-${created.id}-1-conclude-overdue`);
    expect(delivery.status).toBe("delivered");
    const mine = receivedFor(created.caseNo, "overdue");
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0].body)).toMatchObject({ event: "overdue", caseNo: created.caseNo });
    expect(mine[0].signature).toBe(`sha256=${createHmac("sha256", secret).update(mine[0].signed).digest("hex")}`);
  });

  it("a receiver that fails three times then succeeds gets exactly one successful delivery", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    failuresFor.set(`${created.caseNo}:overdue`, 3);
    await fireDeadlineStep(ref(created.id, "overdue"), at("2026-03-24 00:00"));
    const delivery = await deliveryOf(`step-${created.id}-1-conclude-overdue`);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 4, lastError: null });
    const mine = receivedFor(created.caseNo, "overdue");
    expect(mine).toHaveLength(4);
    expect(new Set(mine.map((r) => r.body)).size).toBe(1);
    expect(await prisma.webhookDelivery.count({ where: { eventId: delivery.eventId } })).toBe(1);
  });
});
