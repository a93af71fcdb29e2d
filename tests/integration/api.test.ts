import { createHash, createHmac } from "node:crypto";
import { type Server, createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { creditCodeFrom } from "~/domain/credit-code";
import { createApiKey, revokeApiKey } from "~/models/transfers-in/api-keys.server";
import { getCaseForViewer } from "~/models/case/view.server";
import { deliverWebhook } from "~/models/outbox/webhooks.server";
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "~/models/outbox/signed-deliveries.server";
import { startApp } from "../support/browser";
import { act, makeActor, setUpWorld } from "../support/fixtures";

/**
 * The JSON API over HTTP against the built server (docs/integrations.md), on SQLite and on PostgreSQL
 * (`npm run test:postgres` runs this file again there).
 */
let app: Awaited<ReturnType<typeof startApp>>;
let world: Awaited<ReturnType<typeof setUpWorld>>;
let platform: string;
let bureauTool: string;

beforeAll(async () => {
  world = await setUpWorld();
  app = await startApp();
  platform = (await createApiKey({ name: "12345 平台", scopes: ["transfers"], channel: "transfer12345" })).key;
  bureauTool = (await createApiKey({ name: "本局大屏", scopes: ["cases", "statistics"] })).key;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const call = (path: string, key: string | null, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}${path}`, {
    ...init,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
  });

let workOrders = 0;
const workOrder = (overrides: Record<string, unknown> = {}) => ({
  workOrderNo: `12345-2026-${String(++workOrders).padStart(6, "0")}-${Math.random().toString(36).slice(2, 6)}`,
  receivedAt: "2026-03-02T09:00:00+08:00",
  complainantName: "平台来电人",
  complainantPhone: "13800005555",
  township: "古南街道",
  category: "noise",
  subject: "夜间施工",
  description: "工地夜间施工噪声扰民，平台转办。",
  ...overrides,
});

const transfer = (body: unknown, key = platform, headers: Record<string, string> = {}) =>
  call("/api/v1/cases", key, { method: "POST", body: JSON.stringify(body), headers });

describe("the JSON API", { timeout: 180_000 }, () => {
  it("takes a work order in on the key's channel, with the earlier of the platform's deadline and the policy's", async () => {
    const order = workOrder({ dueAt: "2026-03-10T18:00:00+08:00" });
    const response = await transfer(order);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.created).toBe(true);
    expect(response.headers.get("location")).toBe(`/api/v1/cases/${body.case.caseNo}`);
    expect(body.case).toMatchObject({
      kind: "complaint",
      stage: "received",
      channel: "transfer12345",
      township: "古南街道",
      workOrderNo: order.workOrderNo,
      receivedAt: "2026-03-02T09:00:00+08:00",
      dueAt: "2026-03-10T18:00:00+08:00",
      history: [{ event: "received", at: expect.stringMatching(/\+08:00$/), text: null }],
    });
    // The platform reads its case's course, never who complained.
    const read = await (await call(`/api/v1/cases/${body.case.caseNo}`, platform)).text();
    expect(read).not.toContain("平台来电人");
    expect(read).not.toContain("13800005555");
    const stored = await prisma.case.findUniqueOrThrow({ where: { caseNo: body.case.caseNo } });
    expect(stored).toMatchObject({ channel: "transfer12345", workOrderNo: order.workOrderNo, complainantName: "平台来电人" });
    // The desk sees who sent it.
    const view = await getCaseForViewer(world.dispatcher, body.case.caseNo);
    expect(view.timeline[0]).toMatchObject({ action: "register", actorName: t("case.viaApi", { name: "12345 平台" }) });
    expect(view.workOrderNo).toBe(order.workOrderNo);
    // A later platform deadline leaves the policy's.
    const later = await (await transfer(workOrder({ dueAt: "2026-12-31T18:00:00+08:00" }))).json();
    expect(later.case.dueAt).toBe("2026-03-23T23:59:59+08:00");
  });

  it("gives 50 identical requests sent at once one case, and a repeated Idempotency-Key the same case", async () => {
    const order = workOrder();
    const answers = await Promise.all(Array.from({ length: 50 }, () => transfer(order)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(49);
    const caseNos = new Set(await Promise.all(answers.map(async (answer) => (await answer.json()).case.caseNo)));
    expect(caseNos.size).toBe(1);
    expect(await prisma.case.count({ where: { workOrderNo: order.workOrderNo } })).toBe(1);

    const retried = workOrder();
    const first = await (await transfer(retried, platform, { "Idempotency-Key": "retry-7f3a" })).json();
    const again = await transfer(retried, platform, { "Idempotency-Key": "retry-7f3a" });
    expect(again.status).toBe(200);
    expect((await again.json()).case.caseNo).toBe(first.case.caseNo);
  });

  it("refuses an Idempotency-Key reused for another work order (422), and a receipt from a year already reported", async () => {
    const firstOrder = workOrder();
    expect((await transfer(firstOrder, platform, { "Idempotency-Key": "reuse-91b2" })).status).toBe(201);
    const cases = await prisma.case.count();
    const reused = await transfer(workOrder(), platform, { "Idempotency-Key": "reuse-91b2" });
    expect(reused.status).toBe(422);
    expect((await reused.json()).errors).toEqual([{ pointer: "/idempotencyKey", detail: t("error.idempotencyKeyReused") }]);
    const changed = await transfer({ ...firstOrder, description: "内容不同" }, platform, { "Idempotency-Key": "reuse-91b2" });
    expect(changed.status).toBe(422);
    const old = await transfer(workOrder({ receivedAt: "2000-01-01T09:00:00+08:00" }));
    expect(old.status).toBe(422);
    expect((await old.json()).errors).toEqual([
      { pointer: "/receivedAt", detail: "受理时间早于 3660 天前，不能转入；历史案件请通过台账导入。" },
    ]);
    expect(await prisma.case.count()).toBe(cases);
  });

  it("links a work order's respondent by its credit code; a code that fails its check is refused; one the register lacks is kept", async () => {
    const code = creditCodeFrom("91500222", "AP000001");
    const unit = await prisma.regulatedUnit.create({
      data: {
        creditCode: code,
        name: "转办测试化工厂",
        address: "古南街道",
        townshipId: world.gunan.townshipId!,
        industry: "化工",
      },
    });
    const linked = await (await transfer(workOrder({ subject: "化工厂", respondentCode: code.toLowerCase() }))).json();
    expect(await prisma.case.findUniqueOrThrow({ where: { caseNo: linked.case.caseNo } })).toMatchObject({
      subject: "转办测试化工厂",
      respondentId: unit.id,
    });
    const cases = await prisma.case.count();
    const broken = await transfer(workOrder({ respondentCode: `${code.slice(0, 17)}${code[17] === "1" ? "2" : "1"}` }));
    expect(broken.status).toBe(422);
    expect((await broken.json()).errors).toEqual([{ pointer: "/respondentCode", detail: t("error.badCreditCode") }]);
    expect(await prisma.case.count()).toBe(cases);
    const other = creditCodeFrom("91500222", "AP000002");
    const kept = await (await transfer(workOrder({ subject: undefined, respondentCode: other }))).json();
    expect(await prisma.case.findUniqueOrThrow({ where: { caseNo: kept.case.caseNo } })).toMatchObject({
      subject: other,
      respondentId: null,
    });
  });

  it("lets the bureau's own tools read every case with the identity, a page at a time", async () => {
    const mine = await (await transfer(workOrder())).json();
    const full = await (await call(`/api/v1/cases/${mine.case.caseNo}`, bureauTool)).json();
    expect(full).toMatchObject({ complainantName: "平台来电人", complainantPhone: "13800005555", state: "registered" });

    const seen: string[] = [];
    let cursor: string | null = "";
    for (let pages = 0; cursor !== null && pages < 100; pages += 1) {
      const page = await (await call(`/api/v1/cases?limit=3${cursor ? `&cursor=${cursor}` : ""}`, bureauTool)).json();
      expect(page.cases.length).toBeLessThanOrEqual(3);
      seen.push(...page.cases.map((entry: { caseNo: string }) => entry.caseNo));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(await prisma.case.count());
    expect(new Set(seen).size).toBe(seen.length);
    // The platform's list has only its own transfers.
    const own = await (await call("/api/v1/cases?limit=100", platform)).json();
    expect(own.cases.length).toBe(await prisma.case.count({ where: { workOrderNo: { not: null } } }));
    expect(JSON.stringify(own)).not.toContain("平台来电人");
  });

  it("shows the answer in the public history once the case is concluded", async () => {
    const { case: created } = await (await transfer(workOrder())).json();
    const gunan = await makeActor("township", "古南街道");
    await act(world.dispatcher, created.caseNo, { action: "accept" });
    await act(world.dispatcher, created.caseNo, { action: "assign", assigneeId: gunan.townshipId! });
    await act(gunan, created.caseNo, { action: "submit", text: "核查记录（内部）" });
    await act(world.dispatcher, created.caseNo, { action: "conclude", text: "已责令工地停止夜间施工。" });
    const read = await (await call(`/api/v1/cases/${created.caseNo}`, platform)).json();
    expect(read.stage).toBe("answered");
    expect(read.answer).toBe("已责令工地停止夜间施工。");
    expect(read.history.map((entry: { event: string }) => entry.event)).toEqual(["received", "accepted", "answered"]);
    expect(JSON.stringify(read)).not.toContain("内部");
  });

  it("refuses what is wrong with a problem in Chinese, and registers nothing", async () => {
    const before = await prisma.case.count();
    const problemOf = async (response: Response) => {
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      return response.json();
    };
    const missing = await call("/api/v1/cases", null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect((await problemOf(missing)).detail).toBe(t("api.key.missing"));
    expect((await call("/api/v1/cases", "gl_aaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).status).toBe(401);
    expect((await call("/api/v1/cases", `${platform}x`)).status).toBe(401);
    expect((await transfer(workOrder(), bureauTool)).status).toBe(403);
    expect((await call("/api/v1/statistics?year=2026", platform)).status).toBe(403);

    const wrong = await problemOf(await transfer(workOrder({ receivedAt: "2026-03-02 09:00", township: "火星街道", extra: 1 })));
    expect(wrong.status).toBe(422);
    const pointers = wrong.errors.map((error: { pointer: string }) => error.pointer).sort();
    expect(pointers).toEqual(["/", "/receivedAt"]);
    const unknownTownship = await problemOf(await transfer(workOrder({ township: "火星街道" })));
    expect(unknownTownship.errors).toEqual([{ pointer: "/township", detail: t("error.unknownTownship") }]);
    const notJson = await call("/api/v1/cases", platform, { method: "POST", body: "{workOrderNo:", headers: {} });
    expect(notJson.status).toBe(400);
    const tooLarge = await transfer(workOrder({ description: "长".repeat(40_000) }));
    expect(tooLarge.status).toBe(413);
    expect((await transfer(workOrder(), platform, { "Idempotency-Key": "x".repeat(101) })).status).toBe(400);
    const asForm = await fetch(`${app.baseUrl}/api/v1/cases`, {
      method: "POST",
      headers: { authorization: `Bearer ${platform}`, "content-type": "text/plain" },
      body: "workOrderNo=1",
    });
    expect(asForm.status).toBe(415);
    expect(await prisma.case.count()).toBe(before);
  });

  it("stops a key at its rate limit, refuses revoked and expired keys, and logs every request with its key", async () => {
    const limited = await createApiKey({ name: "限流测试", scopes: ["statistics"], rateLimit: 3 });
    // The limit counts per clock minute: start where the four requests fall in one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const answers = [];
    for (let n = 0; n < 4; n += 1) answers.push(await call("/api/v1/statistics?year=2026", limited.key));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThan(0);
    const figures = await answers[0].json();
    expect(figures).toHaveProperty("received");

    await revokeApiKey(limited.record.id);
    const revoked = await call("/api/v1/statistics?year=2026", limited.key);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).detail).toBe(t("api.key.revoked"));
    const expired = await createApiKey({ name: "过期测试", scopes: ["statistics"], expiresAt: new Date(Date.now() - 1000) });
    expect((await (await call("/api/v1/statistics?year=2026", expired.key)).json()).detail).toBe(t("api.key.expired"));

    const logged = await prisma.apiRequest.findMany({ where: { apiKeyId: limited.record.id }, orderBy: { id: "asc" } });
    expect(logged.map((entry) => entry.status)).toEqual([200, 200, 200, 429, 401]);
    expect(logged[0]).toMatchObject({ method: "GET", path: "/api/v1/statistics" });
  });

  it("posts each public step of a transferred case back to the platform, signed under its key, until it is taken", async () => {
    const received: { body: string; signature: string; signed: string }[] = [];
    let refuseNext = 1;
    const receiver: Server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        if (refuseNext-- > 0) return void response.writeHead(503).end();
        received.push({
          body,
          signature: String(request.headers[SIGNATURE_HEADER]),
          signed: `${request.headers[TIMESTAMP_HEADER]}.${request.headers[DELIVERY_HEADER]}.${body}`,
        });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = receiver.address() as { port: number };
      const withCallback = await createApiKey({
        name: "12369 平台",
        scopes: ["transfers"],
        channel: "hotline12369",
        callbackUrl: `http://127.0.0.1:${port}/greenline`,
      });
      const { case: created } = await (await transfer(workOrder(), withCallback.key)).json();
      await act(world.dispatcher, created.caseNo, { action: "reject", reason: "不属于生态环境部门职责，请转住建部门" });
      const deliveries = await prisma.webhookDelivery.findMany({ where: { apiKeyId: withCallback.record.id } });
      expect(deliveries).toHaveLength(1);
      // The platform's receiver is down once: the attempt fails and is retried.
      await expect(deliverWebhook(deliveries[0].eventId)).rejects.toThrow(/503/);
      expect(await deliverWebhook(deliveries[0].eventId)).toBe("delivered");
      expect(await deliverWebhook(deliveries[0].eventId)).toBe("nothing-to-do");
      expect(received).toHaveLength(1);
      const body = JSON.parse(received[0].body);
      expect(body).toMatchObject({
        event: "rejected",
        caseNo: created.caseNo,
        workOrderNo: created.workOrderNo,
        case: { stage: "rejected", rejectionReason: "不属于生态环境部门职责，请转住建部门" },
      });
      expect(received[0].body).not.toContain("平台来电人");
      // The platform checks the signature with what it holds: the key.
      const signingSecret = createHash("sha256").update(withCallback.key.split("_")[2]).digest("hex");
      expect(received[0].signature).toBe(
        `sha256=${createHmac("sha256", signingSecret).update(received[0].signed).digest("hex")}`,
      );
      const stored = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveries[0].id } });
      expect(stored).toMatchObject({ status: "delivered", attempts: 2 });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("takes a sender's progress on a case it sent for joint handling, from that key only, never going back", async () => {
    const mine = await (await transfer(workOrder())).json();
    const report = (body: unknown, key = platform, caseNo = mine.case.caseNo) =>
      call(`/api/v1/cases/${caseNo}/progress`, key, { method: "POST", body: JSON.stringify(body) });
    expect((await report({ stage: "handling", at: "2026-03-03T10:00:00+08:00" })).status).toBe(200);
    expect((await report({ stage: "received", at: "2026-03-02T10:00:00+08:00" })).status).toBe(200);
    const stored = await prisma.case.findUniqueOrThrow({ where: { caseNo: mine.case.caseNo } });
    expect(stored).toMatchObject({ sourceStage: "handling", sourceUpdatedAt: new Date("2026-03-03T02:00:00Z") });
    const other = (await createApiKey({ name: "另一平台", scopes: ["transfers"], channel: "hotline12369" })).key;
    expect((await report({ stage: "answered", at: "2026-03-04T10:00:00+08:00" }, other)).status).toBe(404);
    expect((await report({ stage: "answered", at: "2026-03-04T10:00:00+08:00" }, bureauTool)).status).toBe(403);
    expect((await report({ stage: "assigned", at: "2026-03-04T10:00:00+08:00" })).status).toBe(422);
    expect((await report({ stage: "answered" })).status).toBe(422);
    expect((await report({ stage: "answered", at: "2026-03-04T10:00:00+08:00" }, platform, "TS-9999-99999")).status).toBe(404);
    expect((await prisma.case.findUniqueOrThrow({ where: { caseNo: mine.case.caseNo } })).sourceStage).toBe("handling");
  });

  it("publishes an OpenAPI 3.1 document generated from the schemas, and a page for people", async () => {
    const document = await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual([
      "/api/v1/cases",
      "/api/v1/cases/{caseNo}",
      "/api/v1/cases/{caseNo}/progress",
      "/api/v1/reference",
      "/api/v1/statistics",
    ]);
    const transferSchema = document.components.schemas.TransferInCase;
    expect(transferSchema.required.sort()).toEqual(["category", "description", "receivedAt", "township", "workOrderNo"]);
    expect(transferSchema.additionalProperties).toBe(false);
    expect(document.components.schemas.JointProgress.required.sort()).toEqual(["at", "stage"]);
    const page = await (await fetch(`${app.baseUrl}/api/v1/docs`)).text();
    expect(page).toContain("POST /api/v1/cases");
    expect(page).toContain("workOrderNo");
    expect(page).toContain("POST /api/v1/cases/{caseNo}/progress");
  });
});
