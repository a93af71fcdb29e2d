import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { accountActor } from "../support/browser";
import { act, assignedCase, makeActor } from "../support/fixtures";
import { useHttpApp } from "../support/http";

/** The knowledge base over HTTP: found by the question as asked, kept by the desk, drafted from an answer. */
const { signIn, request } = useHttpApp();

const entry = {
  question: "餐饮店油烟扰民由谁处理",
  answer: "由城市管理综合行政执法部门查处。",
  department: "区城市管理局",
  legalBasis: "《中华人民共和国大气污染防治法》第一百一十八条",
  reviewBy: "2030-01-01",
};
const post = (cookie: string, fields: Record<string, string>) =>
  request("/knowledge", { method: "POST", cookie, body: new URLSearchParams(fields) });

describe("the knowledge base", { timeout: 120_000 }, () => {
  it("the same new-entry form sent again, or twice at once, adds one entry; another user's key adds nothing", async () => {
    const dispatcher = await signIn("dispatcher");
    const form = { intent: "create", ...entry, question: "双击新建的条目", submissionKey: "knowledge-key-0001" };
    const answers = await Promise.all([1, 2].map(() => post(dispatcher, form)));
    expect(answers.map((answer) => answer.status)).toEqual([302, 302]);
    expect((await post(dispatcher, form)).status).toBe(302);
    expect(await prisma.knowledgeEntry.count({ where: { question: "双击新建的条目" } })).toBe(1);
    const admin = await signIn("admin");
    expect((await post(admin, { ...form, question: "借用密钥的条目" })).status).toBe(400);
    expect(await prisma.knowledgeEntry.count({ where: { question: "借用密钥的条目" } })).toBe(0);
  });

  it("the desk keeps it; everyone finds an entry by the question as a caller asks it", async () => {
    const dispatcher = await signIn("dispatcher");
    expect((await post(dispatcher, { intent: "create", ...entry })).status).toBe(302);
    // Township staff and the hotline read it and may not write it.
    const gunan = await signIn("gunan");
    expect((await post(gunan, { intent: "create", ...entry, question: "街镇写的" })).status).toBe(403);
    const operator = await signIn("operator");
    const found = await (await request(`/knowledge?q=${encodeURIComponent("饭店油烟扰民怎么办")}`, { cookie: operator })).text();
    expect(found).toContain("餐饮店油烟扰民由谁处理");
    expect(found).toContain("第一百一十八条");
    const none = await (await request(`/knowledge?q=${encodeURIComponent("辐射")}`, { cookie: operator })).text();
    expect(none).toContain(t("knowledge.none"));
    // The intake's and the case page's search read the same loader as data.
    const asData = await request(`/knowledge.data?q=${encodeURIComponent("油烟")}`, { cookie: gunan });
    expect(asData.status).toBe(200);

    // A refused entry keeps what was typed; nothing is saved.
    const refused = await post(dispatcher, { intent: "create", ...entry, question: "没有复核日期", reviewBy: "2030-02-30" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain(t("error.reviewBy"));
    expect(html).toContain("没有复核日期");
    expect(await prisma.knowledgeEntry.count({ where: { question: "没有复核日期" } })).toBe(0);
  });

  it("lists entries past their review date for the administrator only", async () => {
    const dispatcher = await signIn("dispatcher");
    await post(dispatcher, { intent: "create", ...entry, question: "过期的条目", reviewBy: "2020-01-01" });
    const admin = await (await request("/knowledge", { cookie: await signIn("admin") })).text();
    expect(admin).toContain(t("knowledge.pastReview", { count: 1 }));
    const desk = await (await request("/knowledge", { cookie: dispatcher })).text();
    expect(desk).not.toContain(t("knowledge.pastReview", { count: 1 }));
  });

  it("drafts an entry from a concluded case's answer with the complainant's identity masked", async () => {
    const world = { operator: await accountActor("operator"), dispatcher: await accountActor("dispatcher") };
    const created = await assignedCase(world, new Date(), {
      subject: "鑫源洗车场",
      description: "王小明反映洗车污水直排雨水管，电话13912345678。",
      complainantName: "王小明",
      complainantPhone: "13912345678",
      consentToDisclose: true,
    });
    const gunan = await makeActor("township", "古南街道");
    await act(gunan, created.caseNo, { action: "submit", text: "已责令整改。" });
    await act(world.dispatcher, created.caseNo, { action: "conclude", text: "经核查，洗车场已接入污水管网。" });

    const dispatcher = await signIn("dispatcher");
    const page = await (await request(`/cases/${created.caseNo}`, { cookie: dispatcher })).text();
    expect(page).toContain(`/knowledge?fromCase=${created.caseNo}`);
    const draft = await (await request(`/knowledge?fromCase=${created.caseNo}`, { cookie: dispatcher })).text();
    expect(draft).toContain(t("knowledge.addFromCase", { caseNo: created.caseNo }));
    expect(draft).toContain("经核查，洗车场已接入污水管网。");
    expect(draft).toContain("鑫源洗车场");
    expect(draft).not.toContain("王小明");
    expect(draft).not.toContain("13912345678");
    // A case without an answer drafts nothing.
    const open = await assignedCase(world, new Date(), { subject: "未办结的" });
    expect(await (await request(`/knowledge?fromCase=${open.caseNo}`, { cookie: dispatcher })).text()).toContain(
      t("knowledge.noDraft"),
    );
  });
});
