import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { accountActor, usernameOf } from "../support/browser";
import { assignedCase } from "../support/fixtures";
import { useHttpApp } from "../support/http";

/** Reply templates over HTTP: who keeps which, and what a case page offers. */
const { signIn, request } = useHttpApp();

const post = (cookie: string, fields: Record<string, string>) =>
  request("/replies", { method: "POST", cookie, body: new URLSearchParams(fields) });
const idOf = async (title: string) => (await prisma.replyTemplate.findFirstOrThrow({ where: { title } })).id;

describe("reply templates", { timeout: 120_000 }, () => {
  it("the same new-template form sent again, or twice at once, adds one template", async () => {
    const dispatcher = await signIn("dispatcher");
    const form = {
      intent: "create",
      scope: "own",
      purpose: "answer",
      title: "双击的常用语",
      body: "已受理。",
      submissionKey: "template-key-0001",
    };
    const answers = await Promise.all([1, 2].map(() => post(dispatcher, form)));
    expect(answers.map((answer) => answer.status)).toEqual([302, 302]);
    expect((await post(dispatcher, form)).status).toBe(302);
    expect(await prisma.replyTemplate.count({ where: { title: "双击的常用语" } })).toBe(1);
  });

  it("the administrator keeps the bureau's, each user their own; nobody changes another's", async () => {
    const admin = await signIn("admin");
    const gunan = await signIn("gunan");
    const dispatcher = await signIn("dispatcher");
    expect(
      (
        await post(admin, {
          intent: "create",
          scope: "bureau",
          purpose: "answer",
          title: "全局答复",
          body: "编号{caseNo}已办结。",
        })
      ).status,
    ).toBe(302);
    expect(
      (await post(gunan, { intent: "create", scope: "own", purpose: "result", title: "古南的结果", body: "{township}已处理。" }))
        .status,
    ).toBe(302);

    // A township user may not write the bureau's, nor change or remove another's.
    const bureau = await post(gunan, { intent: "create", scope: "bureau", purpose: "answer", title: "冒充全局", body: "x" });
    expect(bureau.status).toBe(403);
    expect(await bureau.text()).toContain(t("error.notAllowed"));
    const globalId = await idOf("全局答复");
    const ownId = await idOf("古南的结果");
    expect((await post(gunan, { intent: "delete", templateId: String(globalId) })).status).toBe(404);
    expect(
      (await post(dispatcher, { intent: "update", templateId: String(ownId), purpose: "result", title: "改掉", body: "y" }))
        .status,
    ).toBe(404);
    expect(await prisma.replyTemplate.count({ where: { title: { in: ["全局答复", "古南的结果"] } } })).toBe(2);

    // Each sees the bureau's and their own only.
    const page = await (await request("/replies", { cookie: dispatcher })).text();
    expect(page).toContain("全局答复");
    expect(page).not.toContain("古南的结果");
    expect(await (await request("/replies", { cookie: gunan })).text()).toContain("古南的结果");

    const unknown = await post(gunan, { intent: "create", scope: "own", purpose: "result", title: "错", body: "{caseNumber}" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain(t("error.unknownVariable"));

    expect((await post(gunan, { intent: "delete", templateId: String(ownId) })).status).toBe(302);
    expect(
      await prisma.replyTemplate.count({
        where: { ownerId: (await prisma.user.findUniqueOrThrow({ where: { username: usernameOf("gunan") } })).id },
      }),
    ).toBe(0);
  });

  it("a case page offers the templates of the steps the user may take, filled with the case's values", async () => {
    const world = { operator: await accountActor("operator"), dispatcher: await accountActor("dispatcher") };
    const created = await assignedCase(world, new Date(), { subject: "常用语的案件" });
    const gunan = await signIn("gunan");
    await post(gunan, {
      intent: "create",
      scope: "own",
      purpose: "result",
      title: "结果模板",
      body: "{caseNo}由{township}办理。",
    });
    const html = await (await request(`/cases/${created.caseNo}`, { cookie: gunan })).text();
    expect(html).toContain(`${created.caseNo}由古南街道办理。`);
    // The leader takes no step with a purpose: nothing is offered or loaded.
    const leaderHtml = await (await request(`/cases/${created.caseNo}`, { cookie: await signIn("leader") })).text();
    expect(leaderHtml).not.toContain("由古南街道办理。");
  });
});
