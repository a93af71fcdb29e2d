import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { creditCodeFrom } from "~/domain/credit-code";
import { t } from "~/i18n";
import { registerCase } from "~/models/case/service.server";
import { accountActor } from "../support/browser";
import { act, intakeFields, townshipId } from "../support/fixtures";
import { useHttpApp } from "../support/http";

/**
 * Repeat-report warnings (集中重复举报), the desk's correction of a respondent and a unit's credit grades,
 * against the real database and the built server.
 */
const { signIn, request } = useHttpApp();

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

async function unit(name: string, serial: string) {
  return prisma.regulatedUnit.create({
    data: {
      creditCode: creditCodeFrom("91500222", serial),
      name,
      address: "古南街道测试路8号",
      townshipId: await townshipId("古南街道"),
      industry: "石材加工",
    },
  });
}

async function complaintAbout(
  respondent: { id: number; name: string },
  days: number,
  kind: "complaint" | "petition" = "complaint",
) {
  const receivedAt = daysAgo(days);
  const operator = await accountActor("operator");
  return registerCase(operator, await intakeFields({ kind, receivedAt, subject: respondent.name, respondentId: respondent.id }), {
    now: receivedAt,
    scheduleJobs: false,
  });
}

const notices = () => prisma.notification.count({ where: { kind: "repeatReport" } });
const deskAndLeaders = () => prisma.user.count({ where: { role: { in: ["dispatcher", "leader"] }, active: true } });

async function postStep(cookie: string, caseNo: string, fields: Record<string, string>) {
  const { version } = await prisma.case.findUniqueOrThrow({ where: { caseNo }, select: { version: true } });
  return request(`/cases/${caseNo}`, {
    method: "POST",
    cookie,
    body: new URLSearchParams({ version: String(version), ...fields }),
  });
}

describe("repeat-report warnings", { timeout: 120_000 }, () => {
  it("the second complaint in 30 days raises nothing, the third one notice to the desk and the leaders, a fourth none", async () => {
    const plant = await unit("测试重复石材厂", "RP000001");
    await complaintAbout(plant, 20);
    // A petition about the unit is not a complaint and does not count.
    await complaintAbout(plant, 15, "petition");
    await complaintAbout(plant, 10);
    expect(await prisma.repeatReportWarning.count()).toBe(0);
    expect(await notices()).toBe(0);

    const third = await complaintAbout(plant, 5);
    const [warning] = await prisma.repeatReportWarning.findMany({ include: { cases: true } });
    expect(warning.unitId).toBe(plant.id);
    expect(warning.cases).toHaveLength(3);
    expect(await notices()).toBe(await deskAndLeaders());
    const message = (await prisma.notification.findFirstOrThrow({ where: { kind: "repeatReport" } })).message;
    expect(message).toContain("测试重复石材厂 30 日内被投诉 3 次");
    expect(message).toContain(third.caseNo);
    expect(await prisma.auditEvent.count({ where: { caseId: third.id, action: "repeatReport" } })).toBe(1);

    const fourth = await complaintAbout(plant, 1);
    expect(await prisma.repeatReportWarning.count()).toBe(1);
    expect(await notices()).toBe(await deskAndLeaders());
    expect(await prisma.repeatReportCase.count({ where: { warningId: warning.id } })).toBe(4);

    // The supervision board lists the unit with its count; the marked complaint's page says it.
    const board = await (await request("/supervision", { cookie: await signIn("leader") })).text();
    expect(board).toContain(t("repeat.title"));
    expect(board).toMatch(/测试重复石材厂<\/a><\/td><td>古南街道<\/td><td><strong>4<\/strong>/);
    const page = await (await request(`/cases/${fourth.caseNo}`, { cookie: await signIn("dispatcher") })).text();
    expect(page).toContain("集中重复举报：该单位");
    expect(page).toContain("已计入 4 件投诉");
    // The intake tells the operator, as the unit is recognised, that its warning is in force.
    const suggested = await request(`/enterprises/suggest.data?q=${encodeURIComponent("测试重复")}`, {
      cookie: await signIn("operator"),
    });
    expect(await suggested.text()).toMatch(/"repeatWarning",\{[^}]*\},"count",4,/);
    // So does the unit's page.
    expect(await (await request(`/enterprises/${plant.id}`, { cookie: await signIn("dispatcher") })).text()).toContain(
      t("register.repeatWarnings"),
    );
  });

  it("the desk corrects a respondent with a reason; linking a third complaint raises the warning then", async () => {
    const workshop = await unit("测试更正喷漆厂", "RP000002");
    await complaintAbout(workshop, 12);
    await complaintAbout(workshop, 8);
    const unlinked = await registerCase(
      await accountActor("operator"),
      await intakeFields({ receivedAt: daysAgo(3), subject: "路边喷漆" }),
      {
        now: daysAgo(3),
        scheduleJobs: false,
      },
    );
    await act(await accountActor("dispatcher"), unlinked.caseNo, { action: "accept" });
    const dispatcher = await signIn("dispatcher");
    const before = await prisma.repeatReportWarning.count();

    // Leaders may not; a correction without its reason is refused and keeps what was typed.
    expect(
      (await postStep(await signIn("leader"), unlinked.caseNo, { intent: "setRespondent", subject: "x", reason: "y" })).status,
    ).toBe(403);
    const refused = await postStep(dispatcher, unlinked.caseNo, {
      intent: "setRespondent",
      subject: workshop.creditCode,
      reason: "",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(workshop.creditCode);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: unlinked.id } })).respondentId).toBeNull();

    const corrected = await postStep(dispatcher, unlinked.caseNo, {
      intent: "setRespondent",
      subject: workshop.creditCode.toLowerCase(),
      reason: "现场核实为该厂",
    });
    expect(corrected.status).toBe(302);
    const record = await prisma.case.findUniqueOrThrow({ where: { id: unlinked.id } });
    expect([record.subject, record.respondentId]).toEqual(["测试更正喷漆厂", workshop.id]);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: unlinked.id, action: "setRespondent" } });
    expect(event.reason).toBe("现场核实为该厂");
    expect(JSON.parse(event.before!)).toMatchObject({ subject: "路边喷漆", respondentId: null });
    expect(await prisma.repeatReportWarning.count()).toBe(before + 1);
    const page = await (await request(`/cases/${unlinked.caseNo}`, { cookie: dispatcher })).text();
    expect(page).toContain(t("timeline.respondent", { from: "路边喷漆", to: "测试更正喷漆厂" }));

    // Corrected back to a name the register lacks: the link goes, recorded as typed.
    expect(
      (await postStep(dispatcher, unlinked.caseNo, { intent: "setRespondent", subject: "无证作坊", reason: "复核更正" })).status,
    ).toBe(302);
    expect(await prisma.case.findUniqueOrThrow({ where: { id: unlinked.id } })).toMatchObject({
      subject: "无证作坊",
      respondentId: null,
    });
    // …and its mark in the unit's warning with it.
    expect(await prisma.repeatReportCase.count({ where: { caseId: unlinked.id } })).toBe(0);
  });
});

describe("credit grades", { timeout: 120_000 }, () => {
  it("the desk enters a year's grade on the unit's page; it shows beside the respondent; township staff may not enter one", async () => {
    const plant = await unit("测试信用评价厂", "RP000003");
    const dispatcher = await signIn("dispatcher");
    const post = (cookie: string, fields: Record<string, string>) =>
      request(`/enterprises/${plant.id}`, {
        method: "POST",
        cookie,
        body: new URLSearchParams({ intent: "creditGrade", ...fields }),
      });

    const refused = await post(dispatcher, { year: "1999", grade: "good" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(t("error.yearOutOfRange"));
    expect((await post(dispatcher, { year: "2025", grade: "excellent" })).status).toBe(400);
    expect((await post(await signIn("gunan"), { year: "2025", grade: "good" })).status).toBe(403);
    expect((await post(dispatcher, { year: "2025", grade: "good" })).status).toBe(302);
    expect((await post(dispatcher, { year: "2025", grade: "warned" })).status).toBe(302);
    expect((await post(dispatcher, { year: "2024", grade: "trustworthy" })).status).toBe(302);
    expect(
      await prisma.creditGrade.findMany({
        where: { unitId: plant.id },
        orderBy: { year: "asc" },
        select: { year: true, grade: true },
      }),
    ).toEqual([
      { year: 2024, grade: "trustworthy" },
      { year: 2025, grade: "warned" },
    ]);
    expect(
      (
        await request("/enterprises/999999", {
          method: "POST",
          cookie: dispatcher,
          body: new URLSearchParams({ intent: "creditGrade", year: "2025", grade: "good" }),
        })
      ).status,
    ).toBe(404);

    const page = await (await request(`/enterprises/${plant.id}`, { cookie: dispatcher })).text();
    expect(page).toContain("2025年环保警示");
    expect(page).toContain("2024年环保诚信");
    const complaint = await complaintAbout(plant, 2);
    expect(await (await request(`/cases/${complaint.caseNo}`, { cookie: dispatcher })).text()).toContain("2025年环保警示");
    const suggested = await (
      await request(`/enterprises/suggest.data?q=${encodeURIComponent("测试信用")}`, { cookie: await signIn("operator") })
    ).text();
    expect(suggested).toContain("warned");
  });
});
