import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { creditCodeFrom } from "~/domain/credit-code";
import { formatLocalDateTime } from "~/domain/local-time";
import { t } from "~/i18n";
import { fireCardSteps, issueCard } from "~/models/enterprises/cards.server";
import { readLedgerFile } from "~/models/ledger/file.server";
import { accountActor } from "../support/browser";
import { at, townshipId } from "../support/fixtures";
import { useHttpApp } from "../support/http";

/** Red and yellow cards: issued, on the ladder, found rectified or not, lifted, and the public notice. */
const { signIn, request, baseUrl } = useHttpApp();

async function unit(name: string, serial: string, township = "古南街道") {
  return prisma.regulatedUnit.create({
    data: {
      creditCode: creditCodeFrom("91500222", serial),
      name,
      address: `${township}测试路9号`,
      townshipId: await townshipId(township),
      industry: "非金属矿物制品业",
    },
  });
}

const yellow = {
  colour: "yellow" as const,
  reason: "颗粒物排放浓度超标",
  legalBasis: "《中华人民共和国大气污染防治法》第九十九条",
  evidence: "监测报告 JC-001",
  rectifyWorkingDays: 5,
};

const post = (cookie: string, unitId: number, fields: Record<string, string>) =>
  request(`/enterprises/${unitId}`, { method: "POST", cookie, body: new URLSearchParams(fields) });

const usersOf = async (where: object) =>
  (await prisma.user.findMany({ where: { ...where, active: true }, select: { id: true } })).map((u) => u.id).sort();
const toldOf = async (step: string) =>
  (await prisma.notification.findMany({ where: { kind: step, caseId: null, message: { contains: "测试黄牌厂" } } }))
    .map((n) => n.userId)
    .sort();

describe("red and yellow cards", { timeout: 120_000 }, () => {
  it("a yellow card's deadline counts working days on the calendar and climbs the ladder once per step, to the unit's township, the desk, the leaders", async () => {
    const plant = await unit("测试黄牌厂", "CD000001");
    // Issued Monday 2 March 2026 at 10:00 with five working days: due at the end of Monday 9 March.
    const card = (await issueCard(await accountActor("dispatcher"), plant.id, yellow, at("2026-03-02 10:00")))!;
    expect(formatLocalDateTime(card.rectifyBy)).toBe("2026-03-09 23:59:59");
    expect(formatLocalDateTime(card.warningAt)).toBe("2026-03-05 23:59:59");
    expect(formatLocalDateTime(card.supervisionAt)).toBe("2026-03-12 23:59:59");
    const township = await usersOf({ role: "township", townshipId: plant.townshipId });
    expect((await prisma.notification.findMany({ where: { kind: "cardIssued" } })).map((n) => n.userId).sort()).toEqual(township);

    expect(await fireCardSteps(at("2026-03-05 12:00"))).toBe(0);
    expect(await fireCardSteps(at("2026-03-06 00:00"))).toBe(1);
    expect(await fireCardSteps(at("2026-03-06 00:01"))).toBe(0);
    expect(await toldOf("warning")).toEqual(township);
    expect(await fireCardSteps(at("2026-03-10 09:00"))).toBe(1);
    const desk = await usersOf({ role: "dispatcher" });
    expect(await toldOf("overdue")).toEqual([...township, ...desk].sort());
    expect(await fireCardSteps(at("2026-03-13 09:00"))).toBe(1);
    const leaders = await usersOf({ role: "leader" });
    expect(await toldOf("supervision")).toEqual([...township, ...desk, ...leaders].sort());
    expect(await fireCardSteps(at("2026-04-01 09:00"))).toBe(0);
    expect(
      (await prisma.auditEvent.findMany({ where: { cardId: card.id }, orderBy: { id: "asc" } })).map((event) => event.action),
    ).toEqual(["issueCard", "warning", "overdue", "supervision"]);
    // The supervision board lists the overdue rectification.
    const board = await (await request("/supervision", { cookie: await signIn("leader") })).text();
    expect(board).toContain(t("card.boardTitle"));
    expect(board).toContain(`/enterprises/${plant.id}#cards`);
  });

  it("the desk issues on the unit's page; its township finds it not rectified; a red card follows it; the desk lifts it", async () => {
    const plant = await unit("测试红牌厂", "CD000002");
    const dispatcher = await signIn("dispatcher");
    const gunan = await signIn("gunan");
    const base = { intent: "issueCard", ...yellow, rectifyWorkingDays: "10" };

    // Refused: township staff issue nothing; a missing reason, a red card without its penalty decision.
    expect((await post(gunan, plant.id, base)).status).toBe(403);
    const missing = await post(dispatcher, plant.id, { ...base, reason: "", evidence: "保留的证据" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("保留的证据");
    const noDecision = await post(dispatcher, plant.id, { ...base, colour: "red" });
    expect(noDecision.status).toBe(400);
    expect(await noDecision.text()).toContain(t("error.penaltyDecisionRequired"));
    expect((await post(dispatcher, plant.id, { ...base, rectifyWorkingDays: "181" })).status).toBe(400);
    expect(await prisma.unitCard.count({ where: { unitId: plant.id } })).toBe(0);

    expect((await post(dispatcher, plant.id, base)).status).toBe(302);
    const card = await prisma.unitCard.findFirstOrThrow({ where: { unitId: plant.id } });
    expect(card).toMatchObject({ colour: "yellow", state: "inForce", rectifyWorkingDays: 10 });

    // A red card may follow only a yellow card found not rectified.
    const tooSoon = await post(dispatcher, plant.id, {
      ...base,
      colour: "red",
      penaltyDecisionNo: "罚〔2026〕1号",
      followsId: String(card.id),
    });
    expect(tooSoon.status).toBe(400);
    expect(await tooSoon.text()).toContain(t("error.cardCannotFollow"));

    // Another township's staff do not see the unit; its own record the finding, with the text required.
    const step = (cookie: string, intent: string, text: string) =>
      post(cookie, plant.id, { intent, cardId: String(card.id), text });
    expect((await step(await signIn("wenlong"), "recordNotRectified", "x")).status).toBe(404);
    expect((await step(gunan, "recordNotRectified", "")).status).toBe(400);
    expect((await step(gunan, "lift", "街镇不能摘牌")).status).toBe(403);
    expect((await step(gunan, "recordNotRectified", "复查仍然超标")).status).toBe(302);
    expect((await step(gunan, "recordNotRectified", "再记一次")).status).toBe(403);

    expect(
      (
        await post(dispatcher, plant.id, {
          ...base,
          colour: "red",
          penaltyDecisionNo: "罚〔2026〕1号",
          followsId: String(card.id),
        })
      ).status,
    ).toBe(302);
    const red = await prisma.unitCard.findFirstOrThrow({ where: { unitId: plant.id, colour: "red" } });
    expect(red).toMatchObject({ followsId: card.id, penaltyDecisionNo: "罚〔2026〕1号", state: "inForce" });
    expect(await prisma.unitCard.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ state: "escalated" });
    expect((await post(dispatcher, plant.id, { intent: "lift", cardId: String(red.id), text: "整改到位" })).status).toBe(302);
    expect(await prisma.unitCard.findUniqueOrThrow({ where: { id: red.id } })).toMatchObject({
      state: "lifted",
      liftReason: "整改到位",
    });
    expect(
      (await prisma.auditEvent.findMany({ where: { cardId: { in: [card.id, red.id] } }, orderBy: { id: "asc" } })).map(
        (e) => e.action,
      ),
    ).toEqual(["issueCard", "recordNotRectified", "issueCard", "escalateCard", "lift"]);

    // The unit's page shows both with their record.
    const page = await (await request(`/enterprises/${plant.id}`, { cookie: dispatcher })).text();
    expect(page).toContain(t("card.state.escalated"));
    expect(page).toContain("罚〔2026〕1号");
  });

  it("the same card form sent again, or several times at once, issues one card and takes one step", async () => {
    const plant = await unit("测试重复提交厂", "CD000004");
    const dispatcher = await signIn("dispatcher");
    const form = { intent: "issueCard", ...yellow, rectifyWorkingDays: "10", submissionKey: "card-key-0001" };
    const answers = await Promise.all([1, 2, 3].map(() => post(dispatcher, plant.id, form)));
    expect(answers.map((answer) => answer.status)).toEqual([302, 302, 302]);
    expect((await post(dispatcher, plant.id, form)).status).toBe(302);
    const [card, ...others] = await prisma.unitCard.findMany({ where: { unitId: plant.id } });
    expect(others).toHaveLength(0);
    const step = { intent: "recordRectified", cardId: String(card.id), text: "已整改", submissionKey: "card-key-0002" };
    const steps = await Promise.all([1, 2].map(() => post(dispatcher, plant.id, step)));
    expect(steps.map((answer) => answer.status)).toEqual([302, 302]);
    expect(await prisma.auditEvent.count({ where: { cardId: card.id, action: "recordRectified" } })).toBe(1);
    // A key another user's step carries is no way into it.
    const borrowed = await post(await signIn("gunan"), plant.id, { ...step, intent: "recordNotRectified" });
    expect(borrowed.status).toBe(403);
  });

  it("the public notice lists the cards without signing in, and its XLSX holds the same rows; nothing of any complaint", async () => {
    const plant = await unit("测试公示厂", "CD000003");
    await issueCard(await accountActor("dispatcher"), plant.id, { ...yellow, reason: "废水超标排放" });
    const page = await fetch(`${baseUrl()}/notices/cards`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(t("notices.title"));
    expect(html).toContain("测试公示厂");
    expect(html).toContain(plant.creditCode);
    expect(html).toContain("废水超标排放");
    expect(html).not.toContain("投诉人");
    const xlsx = await fetch(`${baseUrl()}/notices/cards.xlsx`);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const [header, ...rows] = await readLedgerFile(Buffer.from(await xlsx.arrayBuffer()), "xlsx");
    expect(header).toEqual(["单位名称", "统一社会信用代码", "警示类别", "事由", "发出日期", "整改期限", "状态", "摘牌日期"]);
    const row = rows.find((cells) => cells[0] === "测试公示厂")!;
    expect(row.slice(0, 4)).toEqual(["测试公示厂", plant.creditCode, "黄牌", "废水超标排放"]);
    for (const cells of rows) expect(html).toContain(String(cells[1]));
  });
});
