import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { takeAction, useBrowserApp } from "../support/browser";

const session = useBrowserApp();

describe("petitions and mediation in the browser", { timeout: 120_000 }, () => {
  it("a dispatcher logs a petition from a letter, accepts it, and prints the acceptance notice", async () => {
    const dispatcher = await session.signIn("dispatcher");
    await dispatcher.goto("/intake");
    await dispatcher.locator("summary", { hasText: t("intake.source") }).click();
    await dispatcher.getByLabel(t("field.kind"), { exact: true }).selectOption({ label: t("kind.petition") });
    await dispatcher.getByLabel(t("field.channel"), { exact: true }).selectOption({ label: "来信" });
    await dispatcher.getByLabel(t("field.complainantName"), { exact: true }).fill("钱信访");
    await dispatcher.getByLabel(t("field.complainantPhone"), { exact: true }).fill("13600002222");
    await dispatcher.getByLabel(t("field.township"), { exact: true }).fill("古南街道");
    await dispatcher.getByLabel(t("field.category"), { exact: true }).fill("水");
    await dispatcher.getByLabel(t("field.subject"), { exact: true }).fill("某化工厂");
    await dispatcher.getByLabel(t("field.description"), { exact: true }).fill("反映某化工厂向河道排放污水，要求查处并答复。");
    await dispatcher.getByRole("button", { name: t("intake.submit") }).click();
    const registered = dispatcher.getByRole("status").filter({ hasText: /XF-\d{4}-\d{5}/ });
    const caseNo = /XF-\d{4}-\d{5}/.exec((await registered.textContent()) ?? "")?.[0];
    expect(caseNo).toBeTruthy();

    await dispatcher.goto(`/cases/${caseNo}`);
    await takeAction(dispatcher, "accept");
    expect(await dispatcher.getByRole("heading", { level: 1 }).textContent()).toContain("待交办");
    const fields = dispatcher.getByRole("region", { name: t("case.fields") });
    expect(await fields.getByRole("definition").allTextContents()).toContain("办理");
    await dispatcher.getByRole("link", { name: t("print.acceptanceNotice") }).waitFor();
    await dispatcher.goto(`/cases/${caseNo}/print/acceptanceNotice`);
    expect(await dispatcher.getByRole("main").textContent()).toContain("钱信访");
    await dispatcher.getByRole("heading", { name: "信访事项受理告知书", exact: true }).waitFor();
  });

  it("a mediator records a session and an agreement and prints the agreement", async () => {
    const operator = await session.signIn("operator");
    await operator.goto("/intake/mediation");
    await operator.getByLabel(t("field.township"), { exact: true }).fill("gn");
    await operator.getByLabel(t("field.category"), { exact: true }).fill("噪声");
    const applicant = operator.getByRole("group", { name: t("mediation.applicant"), exact: true });
    await applicant.getByLabel(t("mediation.partyName"), { exact: true }).fill("孙调解");
    await applicant.getByLabel(t("field.complainantPhone"), { exact: true }).fill("13500003333");
    const respondent = operator.getByRole("group", { name: t("mediation.respondent"), exact: true });
    await respondent.getByLabel(t("mediation.partyType"), { exact: true }).selectOption({ label: t("mediation.unit") });
    await respondent.getByLabel(t("mediation.partyName"), { exact: true }).fill("宏发砂石场");
    await operator.getByLabel(t("mediation.dispute"), { exact: true }).fill("砂石场夜间作业噪声影响申请人休息。");
    await operator.getByLabel(t("mediation.claim"), { exact: true }).fill("停止夜间作业，赔偿损失 2000 元。");
    await operator.getByRole("button", { name: t("mediation.applySubmit") }).click();
    await operator.waitForURL(/\/cases\/TJ-\d{4}-\d{5}$/);
    const caseNo = new URL(operator.url()).pathname.split("/").pop()!;

    const mediator = await session.signIn("dispatcher");
    await mediator.goto(`/cases/${caseNo}`);
    await takeAction(mediator, "accept");

    const sessionForm = mediator.getByRole("form", { name: "调解会" });
    await sessionForm
      .getByRole("group", { name: t("mediation.mediators") })
      .getByRole("checkbox")
      .first()
      .check();
    await takeAction(mediator, "mediationSession", {
      [t("mediation.sessionStatus")]: t("mediation.status.held"),
      [t("mediation.scheduledAt")]: "2026-11-20T09:30",
      [t("mediation.place")]: "区生态环境局调解室",
      [t("mediation.attendees")]: "孙调解；宏发砂石场 王经理",
      [t("mediation.notes")]: "双方同意调整作业时间。",
    });
    const sessions = mediator.getByRole("table", { name: t("mediation.sessions") });
    expect(await sessions.getByRole("row").filter({ hasText: "区生态环境局调解室" }).count()).toBe(1);

    await takeAction(mediator, "concludeMediation", {
      [t("mediation.outcome")]: "调解成功，达成协议",
      [t("mediation.outcomeText")]: "宏发砂石场停止 22 时至次日 6 时作业，并赔偿申请人 1500 元。",
      [`${t("mediation.obligationParty")} 1`]: "宏发砂石场",
      [`${t("mediation.obligation")} 1`]: "支付赔偿款 1500 元",
      [`${t("mediation.obligationDue")} 1`]: "2026-12-15",
    });
    expect(await mediator.getByRole("main").getByRole("definition").allTextContents()).toContain("调解成功，达成协议");

    await mediator.goto(`/cases/${caseNo}/print/agreement`);
    const agreement = await mediator.getByRole("main").textContent();
    expect(agreement).toContain("环境污染纠纷调解协议书");
    expect(agreement).toContain("孙调解");
    expect(agreement).toContain("支付赔偿款 1500 元");
    expect(await prisma.case.findUniqueOrThrow({ where: { caseNo } })).toMatchObject({ mediationOutcome: "agreement" });
  });
});
