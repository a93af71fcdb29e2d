import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useBrowserApp } from "../support/browser";

const session = useBrowserApp();

describe("petitions and mediation in the browser", { timeout: 120_000 }, () => {
  it("a dispatcher logs a petition from a letter, accepts it, and prints the acceptance notice", async () => {
    const dispatcher = await session.signIn("dispatcher");
    await dispatcher.goto("/intake");
    await dispatcher.selectOption("select[name=kind]", "petition");
    await dispatcher.selectOption("select[name=channel]", { label: "来信" });
    await dispatcher.fill("input[name=complainantName]", "钱信访");
    await dispatcher.fill("input[name=complainantPhone]", "13600002222");
    await dispatcher.selectOption("select[name=townshipId]", { label: "古南街道" });
    await dispatcher.selectOption("select[name=category]", { label: "水" });
    await dispatcher.fill("input[name=subject]", "某化工厂");
    await dispatcher.fill("textarea[name=description]", "反映某化工厂向河道排放污水，要求查处并答复。");
    await dispatcher.click("button[name=intent][value=register]");
    const flash = dispatcher.locator(".flash-success");
    await flash.waitFor();
    const caseNo = /XF-\d{4}-\d{5}/.exec((await flash.textContent()) ?? "")?.[0];
    expect(caseNo).toBeTruthy();

    await dispatcher.goto(`/cases/${caseNo}`);
    await dispatcher.locator("form[data-action=accept] button[type=submit]").click();
    await dispatcher.locator("[data-done=accept]").waitFor();
    expect(await dispatcher.locator("h1 .state").textContent()).toContain("待交办");
    expect(await dispatcher.locator("[data-field=petition-round]").textContent()).toBe("办理");
    await dispatcher.locator("[data-print=acceptanceNotice]").waitFor();
    await dispatcher.goto(`/cases/${caseNo}/print/acceptanceNotice`);
    expect(await dispatcher.locator(".print-document").textContent()).toContain("钱信访");
    expect(await dispatcher.locator(".print-document h1").textContent()).toBe("信访事项受理告知书");
  });

  it("a mediator records a session and an agreement and prints the agreement", async () => {
    const operator = await session.signIn("operator");
    await operator.goto("/intake/mediation");
    await operator.selectOption("select[name=townshipId]", { label: "古南街道" });
    await operator.selectOption("select[name=category]", { label: "噪声" });
    await operator.fill("input[name=applicantName]", "孙调解");
    await operator.fill("input[name=applicantPhone]", "13500003333");
    await operator.selectOption("select[name=respondentType]", "unit");
    await operator.fill("input[name=respondentName]", "宏发砂石场");
    await operator.fill("textarea[name=description]", "砂石场夜间作业噪声影响申请人休息。");
    await operator.fill("textarea[name=claim]", "停止夜间作业，赔偿损失 2000 元。");
    await operator.click("form[data-form=mediation] button[type=submit]");
    await operator.waitForURL(/\/cases\/TJ-\d{4}-\d{5}$/);
    const caseNo = new URL(operator.url()).pathname.split("/").pop()!;

    const mediator = await session.signIn("dispatcher");
    await mediator.goto(`/cases/${caseNo}`);
    await mediator.locator("form[data-action=accept] button[type=submit]").click();
    await mediator.locator("[data-done=accept]").waitFor();

    const form = mediator.locator("form[data-action=session]");
    await form.locator("select[name=status]").selectOption("held");
    await form.locator("input[name=scheduledAt]").fill("2026-11-20T09:30");
    await form.locator("input[name=place]").fill("区生态环境局调解室");
    await form.locator("input[name=mediatorIds]").first().check();
    await form.locator("textarea[name=attendees]").fill("孙调解；宏发砂石场 王经理");
    await form.locator("textarea[name=notes]").fill("双方同意调整作业时间。");
    await form.locator("button[type=submit]").click();
    await mediator.locator("[data-done=session]").waitFor();
    expect(await mediator.locator("[data-session-status=held]").count()).toBe(1);

    const conclude = mediator.locator("form[data-action=concludeMediation]");
    await conclude.locator("select[name=outcome]").selectOption("agreement");
    await conclude.locator("textarea[name=text]").fill("宏发砂石场停止 22 时至次日 6 时作业，并赔偿申请人 1500 元。");
    await conclude.locator("input[name=party1]").fill("宏发砂石场");
    await conclude.locator("input[name=obligation1]").fill("支付赔偿款 1500 元");
    await conclude.locator("input[name=due1]").fill("2026-12-15");
    await conclude.locator("button[type=submit]").click();
    await mediator.locator("[data-done=concludeMediation]").waitFor();
    expect(await mediator.locator("[data-field=mediation-outcome]").textContent()).toBe("调解成功，达成协议");

    await mediator.goto(`/cases/${caseNo}/print/agreement`);
    const agreement = await mediator.locator(".print-document").textContent();
    expect(agreement).toContain("环境污染纠纷调解协议书");
    expect(agreement).toContain("孙调解");
    expect(agreement).toContain("支付赔偿款 1500 元");
    expect(await prisma.case.findUniqueOrThrow({ where: { caseNo } })).toMatchObject({ mediationOutcome: "agreement" });
  });
});
