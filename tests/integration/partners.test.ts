import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { getCaseForViewer } from "~/models/case/view.server";
import { registerCase } from "~/models/case/service.server";
import { createPartner } from "~/models/transfers-out/partners.server";
import { notifyOverdueReplies, overdueReplies } from "~/models/transfers-out/reply-clock.server";
import { signedHeaders } from "~/models/outbox/signed-deliveries.server";
import { startWorkers } from "../../workers/index";
import { spawnWorker } from "../support/bulk-cases";
import { startApp } from "../support/browser";
import { copyOfTemplate } from "../support/databases";
import { TEST_PASSWORD, act, intakeFields, setUpWorld } from "../support/fixtures";
import { waitFor } from "../support/wait";

/**
 * Transfers between two real Greenline installations (docs/integrations.md "Transfers out"): ours (this
 * file's database, its web server and an in-process worker) and a partner's (a database of its own, its
 * own web and worker processes, its own Redis prefix), on two ports, no mocks. The partner is set up as
 * its administrator would: the command line, a key for us with our callback address. Its staff act
 * through its web forms.
 */
const ROOT = path.resolve(__dirname, "../..");
const partnerDatabase = copyOfTemplate(`partner-${randomUUID().slice(0, 8)}`);
const partnerEnv = {
  DATABASE_URL: partnerDatabase.url,
  // Under this file's prefix, so that its cleanup removes the partner's keys too.
  REDIS_PREFIX: `${process.env.REDIS_PREFIX}:partner`,
  FILES_DIR: `${process.env.FILES_DIR}-partner`,
};

let ours: Awaited<ReturnType<typeof startApp>>;
let partnerWeb: Awaited<ReturnType<typeof startApp>>;
let partnerWorker: ReturnType<typeof spawnWorker>;
let stopOurWorker: () => Promise<void>;
let world: Awaited<ReturnType<typeof setUpWorld>>;
let keyForUs: string;

/** The partner's command line, as its administrator runs it. */
function partnerCli(args: string[], input?: string): string {
  const result = spawnSync(process.execPath, ["bin/greenline.cjs", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...partnerEnv },
    input,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`greenline ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

const startPartnerWeb = (port = "0") => startApp({ ...partnerEnv, PORT: port }, { seed: false });

beforeAll(async () => {
  world = await setUpWorld();
  ours = await startApp();
  stopOurWorker = await startWorkers({ concurrency: 2 });
  partnerCli(["seed"]);
  partnerCli(["user", "add", "--username", "ws-desk", "--role", "dispatcher", "--password-stdin"], TEST_PASSWORD);
  partnerCli(
    ["user", "add", "--username", "ws-sanjiang", "--role", "township", "--township", "三江街道", "--password-stdin"],
    TEST_PASSWORD,
  );
  keyForUs = partnerCli([
    "api-key",
    "add",
    "--name",
    "綦江区生态环境局",
    "--scope",
    "transfers",
    "--channel",
    "other",
    "--callback-url",
    `${ours.baseUrl}/api/partner-callbacks`,
  ])
    .split("\n")
    .at(-1)!;
  partnerWeb = await startPartnerWeb();
  partnerWorker = spawnWorker(partnerEnv);
}, 120_000);

afterAll(async () => {
  partnerWorker?.kill("SIGTERM");
  await partnerWeb?.stop();
  await stopOurWorker?.();
  await ours?.stop();
  partnerDatabase.remove();
});

/** The partner's staff at work: signed in to its site, posting its case page's forms. */
async function partnerSignIn(username: string) {
  const response = await fetch(`${partnerWeb.baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ username, password: TEST_PASSWORD }),
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0];
}

async function partnerStep(cookie: string, caseNo: string, fields: Record<string, string>) {
  const page = await (await fetch(`${partnerWeb.baseUrl}/cases/${caseNo}`, { headers: { cookie } })).text();
  const version = /name="version" value="(\d+)"/.exec(page)?.[1];
  expect(version, `no form on ${caseNo}`).toBeDefined();
  const response = await fetch(`${partnerWeb.baseUrl}/cases/${caseNo}`, {
    method: "POST",
    headers: { cookie },
    body: new URLSearchParams({ version: version!, ...fields }),
    redirect: "manual",
  });
  expect(response.status, await response.clone().text()).toBe(302);
  return page;
}

async function acceptedCase() {
  const created = await registerCase(
    world.operator,
    await intakeFields({ description: "綦江河与万盛交界处河段有油污，疑似上游企业排放。" }),
  );
  await act(world.dispatcher, created.caseNo, { action: "accept" });
  return created.caseNo;
}

const transferOf = (caseNo: string) =>
  prisma.caseTransfer.findFirstOrThrow({ where: { case: { caseNo } }, orderBy: { id: "desc" } });

describe("transfers between two Greenline installations", { timeout: 120_000 }, () => {
  it("sends a case to a partner that is down for a while, once it is up; the partner's acceptance and answer flow back", async () => {
    const partner = await createPartner({
      name: "万盛经开区生态环境局",
      kind: "greenline",
      baseUrl: partnerWeb.baseUrl,
      apiKey: keyForUs,
      replyDays: 10,
    });
    // Its townships were read from its API with the key, proving both.
    expect(JSON.parse(partner.townships)).toContain("三江街道");

    const caseNo = await acceptedCase();
    const port = new URL(partnerWeb.baseUrl).port;
    await partnerWeb.stop();
    await act(world.dispatcher, caseNo, {
      action: "transferOut",
      partnerId: partner.id,
      mode: "transfer",
      reason: "污染源位于万盛经开区境内",
      legalBasis: "《生态环境行政处罚办法》第十七条",
      partnerTownship: "三江街道",
      replyDays: null,
    });
    // The partner is down: attempts fail and are retried; nothing is lost.
    await waitFor(
      () => prisma.webhookDelivery.findFirst({ where: { caseTransfer: { case: { caseNo } } } }),
      (delivery) => (delivery?.attempts ?? 0) >= 2,
      20_000,
    );
    expect(await transferOf(caseNo)).toMatchObject({ delivery: "sending", remoteCaseNo: null });
    expect((await transferOf(caseNo)).deliveryError).toBeNull();

    partnerWeb = await startPartnerWeb(port);
    await waitFor(
      () => transferOf(caseNo),
      (shown) => shown.delivery === "delivered",
      40_000,
    );
    const transfer = await transferOf(caseNo);
    expect(transfer.remoteCaseNo).toMatch(/^TS-\d{4}-\d{5}$/);
    expect(transfer.remoteStage).toBe("received");
    // Nothing doubled: the partner holds one case for it, on its key for us.
    const theirs = await (
      await fetch(`${partnerWeb.baseUrl}/api/v1/cases`, { headers: { authorization: `Bearer ${keyForUs}` } })
    ).json();
    expect(theirs.cases.map((entry: { caseNo: string }) => entry.caseNo)).toEqual([transfer.remoteCaseNo]);
    expect(theirs.cases[0]).toMatchObject({ workOrderNo: `${caseNo}-Y${transfer.id}`, township: "三江街道", channel: "other" });
    // Due there by our clock for the reply at the latest (or the partner's policy's, if that is earlier).
    expect(Date.parse(theirs.cases[0].dueAt)).toBeLessThanOrEqual(transfer.replyDueAt.getTime());

    // The partner's desk accepts; its township investigates; its desk answers.
    const desk = await partnerSignIn("ws-desk");
    const remote = transfer.remoteCaseNo!;
    const page = await partnerStep(desk, remote, { intent: "accept" });
    expect(page).toContain("污染源位于万盛经开区境内");
    await waitFor(
      () => transferOf(caseNo),
      (shown) => shown.remoteStage === "handling",
      30_000,
    );

    const assignPage = await (await fetch(`${partnerWeb.baseUrl}/cases/${remote}`, { headers: { cookie: desk } })).text();
    const sanjiang = /<option value="(\d+)"[^>]*>三江街道<\/option>/.exec(assignPage)![1];
    await partnerStep(desk, remote, { intent: "assign", assigneeId: sanjiang });
    await partnerStep(await partnerSignIn("ws-sanjiang"), remote, {
      intent: "submit",
      text: "现场核查：万盛某化工企业雨水口有油污外排，已责令停产整改。",
    });
    await partnerStep(desk, remote, {
      intent: "conclude",
      text: "经查系万盛某化工企业雨水口油污外排，已立案查处并责令整改，河段已清理。",
    });

    await waitFor(
      () => transferOf(caseNo),
      (shown) => shown.repliedAt !== null,
      30_000,
    );
    expect(await transferOf(caseNo)).toMatchObject({
      remoteStage: "answered",
      replyText: "经查系万盛某化工企业雨水口油污外排，已立案查处并责令整改，河段已清理。",
    });
    // The reply is our case's result, recorded by the partner's system; the desk is told and answers.
    const view = await getCaseForViewer(world.dispatcher, caseNo);
    expect(view.state).toBe("submitted");
    expect(view.resultText).toContain("已立案查处");
    expect(view.timeline.at(-1)).toMatchObject({
      action: "transferReply",
      actorName: t("case.viaPartner", { name: "万盛经开区生态环境局" }),
    });
    expect(await prisma.notification.count({ where: { userId: world.dispatcher.id, kind: "transferReply" } })).toBe(1);
    expect(view.transfers[0]).toMatchObject({ remoteCaseNo: remote, partner: { name: "万盛经开区生态环境局" } });
    await act(world.dispatcher, caseNo, { action: "conclude", text: "经移送万盛经开区生态环境局查处，污染已整改。" });

    // A forged answer is refused and changes nothing.
    const forged = JSON.stringify({
      event: "answered",
      workOrderNo: `${caseNo}-Y${transfer.id}`,
      case: { stage: "answered", answer: "伪造" },
    });
    const refused = await fetch(`${ours.baseUrl}/api/partner-callbacks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signedHeaders("not-the-key", { id: "forged-1", body: forged }, new Date()),
      },
      body: forged,
    });
    expect(refused.status).toBe(401);
    expect((await transferOf(caseNo)).replyText).not.toBe("伪造");
  });

  it("handles a cross-border case jointly: each installation keeps its case and sees the other's progress", async () => {
    const partner = await prisma.partner.findUniqueOrThrow({ where: { name: "万盛经开区生态环境局" } });
    const caseNo = await acceptedCase();
    await act(world.dispatcher, caseNo, {
      action: "transferOut",
      partnerId: partner.id,
      mode: "joint",
      reason: "跨界河段污染，双方辖区均有排口",
      legalBasis: "渝黔“两省四地”生态环境联合执法协议",
      partnerTownship: "三江街道",
      replyDays: 5,
    });
    const delivered = await waitFor(
      () => transferOf(caseNo),
      (shown) => shown.delivery === "delivered",
      30_000,
    );
    const remote = delivered.remoteCaseNo!;

    // Ours goes on as usual; its answer is reported to the partner's case.
    const gunan = world.gunan;
    await act(world.dispatcher, caseNo, { action: "assign", assigneeId: gunan.townshipId! });
    await act(gunan, caseNo, { action: "submit", text: "我方辖区排口已核查，未见异常。" });
    await act(world.dispatcher, caseNo, { action: "conclude", text: "我方辖区排口未见异常，已与万盛联合巡查。" });
    const desk = await partnerSignIn("ws-desk");
    const theirPage = () =>
      fetch(`${partnerWeb.baseUrl}/cases/${remote}`, { headers: { cookie: desk } }).then((response) => response.text());
    const shown = await waitFor(theirPage, (page) => page.includes(t("field.sourceStage")), 30_000);
    expect(shown).toContain(t("query.stage.answered"));

    // Theirs goes on too; its acceptance and answer come back, as progress beside ours, not as our result.
    await partnerStep(desk, remote, { intent: "accept" });
    const assignPage = await theirPage();
    const sanjiang = /<option value="(\d+)"[^>]*>三江街道<\/option>/.exec(assignPage)![1];
    await partnerStep(desk, remote, { intent: "assign", assigneeId: sanjiang });
    await partnerStep(await partnerSignIn("ws-sanjiang"), remote, { intent: "submit", text: "三江街道辖区排口已封堵。" });
    await partnerStep(desk, remote, { intent: "conclude", text: "万盛侧排口已封堵，联合巡查完毕。" });
    const replied = await waitFor(
      () => transferOf(caseNo),
      (transfer) => transfer.repliedAt !== null,
      30_000,
    );
    expect(replied).toMatchObject({ remoteStage: "answered", replyText: "万盛侧排口已封堵，联合巡查完毕。" });
    expect(await prisma.case.findUniqueOrThrow({ where: { caseNo } })).toMatchObject({
      state: "concluded",
      replyText: "我方辖区排口未见异常，已与万盛联合巡查。",
    });
  });

  it("transfers to a body without Greenline by a printed letter, and takes its reply by hand", async () => {
    const police = await createPartner({ name: "綦江区公安分局", kind: "body", replyDays: 15 });
    const caseNo = await acceptedCase();
    await act(world.dispatcher, caseNo, {
      action: "transferOut",
      partnerId: police.id,
      mode: "transfer",
      reason: "涉嫌非法处置危险废物，可能构成污染环境罪",
      legalBasis: "《环境保护行政执法与刑事司法衔接工作办法》第五条",
      replyDays: 20,
    });
    const transfer = await transferOf(caseNo);
    expect(transfer).toMatchObject({ delivery: "letter", partnerTownship: null });
    expect(await prisma.webhookDelivery.count({ where: { caseTransferId: transfer.id } })).toBe(0);

    const login = await fetch(`${ours.baseUrl}/login`, {
      method: "POST",
      body: new URLSearchParams({
        username: (await prisma.user.findUniqueOrThrow({ where: { id: world.dispatcher.id } })).username,
        password: TEST_PASSWORD,
      }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const letter = await fetch(`${ours.baseUrl}/cases/${caseNo}/print/transferLetter-${transfer.id}`, { headers: { cookie } });
    expect(letter.status).toBe(200);
    const text = await letter.text();
    for (const part of ["綦江区公安分局", "涉嫌非法处置危险废物", "刑事司法衔接", t("print.title.transferLetter")])
      expect(text).toContain(part);
    expect((await fetch(`${ours.baseUrl}/cases/${caseNo}/print/transferLetter-999999`, { headers: { cookie } })).status).toBe(
      404,
    );

    // Our clock for the reply: past it, the case page says so and the sweep tells the desk, once.
    const justBefore = new Date(transfer.replyDueAt.getTime() - 60_000);
    const justAfter = new Date(transfer.replyDueAt.getTime() + 60_000);
    expect(await notifyOverdueReplies(justBefore)).toBe(0);
    expect((await getCaseForViewer(world.dispatcher, caseNo, justAfter)).transfers[0].overdue).toBe(true);
    expect(await notifyOverdueReplies(justAfter)).toBe(1);
    expect(await notifyOverdueReplies(justAfter)).toBe(0);
    const told = await prisma.notification.findMany({ where: { userId: world.dispatcher.id, kind: "transferOverdue" } });
    expect(told).toHaveLength(1);
    expect(told[0].message).toContain("綦江区公安分局");
    expect((await overdueReplies(justAfter)).map((overdue) => overdue.case.caseNo)).toEqual([caseNo]);
    expect(await overdueReplies(justBefore)).toEqual([]);

    await act(world.dispatcher, caseNo, {
      action: "transferReply",
      transferId: transfer.id,
      text: "已立案侦查（綦公（环）立字〔2026〕12号）。",
    });
    expect(await prisma.case.findUniqueOrThrow({ where: { caseNo } })).toMatchObject({
      state: "submitted",
      resultText: expect.stringContaining("已立案侦查"),
    });
    // No second reply to the same transfer.
    await expect(
      act(world.dispatcher, caseNo, { action: "transferReply", transferId: transfer.id, text: "再次" }),
    ).rejects.toThrow();
  });
});
