import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { townshipId } from "../support/fixtures";
import { useHttpApp } from "../support/http";

/** The hotline form over HTTP: a form sent again, however, registers one case. */
const { signIn, request, baseUrl } = useHttpApp();

async function complaintForm(subject: string, submissionKey: string) {
  return new URLSearchParams({
    intent: "register",
    kind: "complaint",
    channel: "hotline12369",
    receivedAt: "2026-03-02T09:00",
    complainantName: "钱多多",
    complainantPhone: "13900005678",
    townshipId: String(await townshipId("古南街道")),
    category: "noise",
    subject,
    address: "古南街道沱湾路8号",
    description: "夜间施工噪声扰民。",
    submissionKey,
  });
}

const casesAbout = (subject: string) => prisma.case.count({ where: { subject } });
const registeredOf = (response: Response) => new URL(response.headers.get("location")!, baseUrl()).searchParams;

describe("registering at the hotline", { timeout: 120_000 }, () => {
  it("the same form sent again (a retry, the back button) returns the case it registered, with the same receipt", async () => {
    const operator = await signIn("operator");
    const body = await complaintForm("重复提交的工地", "intake-key-0001");
    const first = await request("/intake", { method: "POST", cookie: operator, body });
    expect(first.status).toBe(302);
    expect(first.headers.get("set-cookie")).toContain("greenline-receipt");
    const caseNo = registeredOf(first).get("registered")!;

    const again = await request("/intake", { method: "POST", cookie: operator, body });
    expect(again.status).toBe(302);
    expect(registeredOf(again).get("registered")).toBe(caseNo);
    expect(registeredOf(again).get("repeated")).toBe("1");
    // The first answer may never have reached the screen: the resend's receipt is the same, code included.
    const receiptOf = async (answer: Response) => {
      const receiptCookie = answer.headers.get("set-cookie")!.split(";")[0];
      const page = await request(`/intake?${registeredOf(answer)}`, { cookie: `${operator}; ${receiptCookie}` });
      const html = await page.text();
      return { html, code: /class="lookup-code">([A-Z0-9-]+)</.exec(html)?.[1] };
    };
    const [firstReceipt, againReceipt] = [await receiptOf(first), await receiptOf(again)];
    expect(firstReceipt.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(againReceipt.code).toBe(firstReceipt.code);
    expect(againReceipt.html).toContain(t("intake.repeated", { caseNo }));
    const lookup = await request("/query", { method: "POST", body: new URLSearchParams({ caseNo, proof: againReceipt.code! }) });
    expect(await lookup.text()).toContain(t("query.stage.received"));
    expect(await casesAbout("重复提交的工地")).toBe(1);

    // A new form (a new key) is a new case, even with the same words.
    const next = await request("/intake", {
      method: "POST",
      cookie: operator,
      body: await complaintForm("重复提交的工地", "intake-key-0002"),
    });
    expect(registeredOf(next).get("registered")).not.toBe(caseNo);
    expect(await casesAbout("重复提交的工地")).toBe(2);
  });

  it("a mediation application sent again, or twice at once, registers one case; a refused one answers 400 and keeps what was typed", async () => {
    const dispatcher = await signIn("dispatcher");
    const application = async (key: string, claim = "赔偿鱼塘损失。") =>
      new URLSearchParams({
        channel: "visit",
        receivedAt: "2026-03-02T09:00",
        townshipId: String(await townshipId("古南街道")),
        category: "water",
        applicantType: "person",
        applicantName: "周调解",
        applicantPhone: "13900006666",
        respondentType: "unit",
        respondentName: "重复提交测试化工厂",
        description: "化工厂废水流入鱼塘。",
        claim,
        submissionKey: key,
      });
    const cases = () => prisma.case.count({ where: { kind: "mediation", subject: "重复提交测试化工厂" } });
    const body = await application("mediation-key-0001");
    const answers = await Promise.all(
      [1, 2].map(() => request("/intake/mediation", { method: "POST", cookie: dispatcher, body })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([302, 302]);
    expect(new Set(answers.map((answer) => answer.headers.get("location"))).size).toBe(1);
    const again = await request("/intake/mediation", { method: "POST", cookie: dispatcher, body });
    expect(again.headers.get("location")).toBe(answers[0].headers.get("location"));
    expect(await cases()).toBe(1);

    const refused = await request("/intake/mediation", {
      method: "POST",
      cookie: dispatcher,
      body: await application("mediation-key-0002", ""),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("化工厂废水流入鱼塘。");
    expect(await cases()).toBe(1);
  });

  it("five copies of one form sent at once register one case", async () => {
    const operator = await signIn("operator");
    const body = await complaintForm("同时提交五次", "intake-key-0003");
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => request("/intake", { method: "POST", cookie: operator, body })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([302, 302, 302, 302, 302]);
    expect(new Set(answers.map((answer) => registeredOf(answer).get("registered"))).size).toBe(1);
    expect(await casesAbout("同时提交五次")).toBe(1);
  });

  it("a key another operator's registration carries registers nothing and shows them nothing of it", async () => {
    const operator = await signIn("operator");
    const dispatcher = await signIn("dispatcher");
    const first = await request("/intake", {
      method: "POST",
      cookie: operator,
      body: await complaintForm("别人的密钥", "intake-key-0004"),
    });
    expect(first.status).toBe(302);
    const borrowed = await request("/intake", {
      method: "POST",
      cookie: dispatcher,
      body: await complaintForm("借用密钥", "intake-key-0004"),
    });
    expect(borrowed.status).toBe(400);
    expect(await borrowed.text()).toContain(t("error.badRequest"));
    expect(await casesAbout("借用密钥")).toBe(0);
  });

  it("reads the township and category as typed (name, stem, pinyin initials) and refuses a text that means several", async () => {
    const operator = await signIn("operator");
    const typed = await complaintForm("首字母登记的工地", "intake-key-0101");
    typed.set("townshipId", "ycz");
    typed.set("category", "zs");
    // Empty: received when registered.
    typed.set("receivedAt", "");
    const before = Date.now();
    const registered = await request("/intake", { method: "POST", cookie: operator, body: typed });
    expect(registered.status).toBe(302);
    const created = await prisma.case.findFirstOrThrow({
      where: { subject: "首字母登记的工地" },
      select: { township: { select: { name: true } }, category: true, receivedAt: true },
    });
    expect(created).toMatchObject({ township: { name: "永城镇" }, category: "noise" });
    expect(created.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    // 三角镇 and 石角镇 share sjz: refused, the typed text kept, nothing registered.
    const ambiguous = await complaintForm("歧义街镇的工地", "intake-key-0102");
    ambiguous.set("townshipId", "sjz");
    ambiguous.set("category", "不存在的类型");
    const refused = await request("/intake", { method: "POST", cookie: operator, body: ambiguous });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    // React 18's stream writer once left NUL bytes where a Chinese character met its 2 KB buffer's end (docs/decisions/0021).
    expect(html).not.toContain("\u0000");
    expect(html).toContain(t("error.typedTownship"));
    expect(html).toContain(t("error.typedCategory"));
    expect(html).toContain('value="sjz"');
    expect(html).toContain('value="不存在的类型"');
    expect(await casesAbout("歧义街镇的工地")).toBe(0);
  });
});
