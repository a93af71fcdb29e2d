import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t, tKey } from "~/i18n";
import { LOOKUP_MAX_FAILURES } from "~/models/complainant/lookup.server";
import { registerCase } from "~/models/case/service.server";
import { yearPeriod } from "~/domain/statistics";
import { caseStatistics } from "~/models/statistics/figures.server";
import { seedDemoData } from "~/models/reference/seed.server";
import { startApp } from "../support/browser";
import { act, actInTurn, assignedCase, intakeFields, makeActor } from "../support/fixtures";

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp({}, { demoData: true });
});
afterAll(async () => {
  await app?.stop();
});

/** The lookup form as a complainant's browser posts it. */
const lookUp = (caseNo: string, proof: string) =>
  fetch(`${app.baseUrl}/query`, { method: "POST", body: new URLSearchParams({ caseNo, proof }), redirect: "manual" });

/** What differs between two answers by design: the nonce, and the values the person typed. */
const comparable = (html: string, typed: string[]) =>
  typed.reduce(
    (page, value) => page.split(value).join("…"),
    html.replace(/nonce="[^"]*"/g, "").replace(/nonce=\\"[^"]*\\"/g, ""),
  );

describe("progress lookup by complainants", { timeout: 300_000 }, () => {
  it("shows every demo case to its complainant by phone, in the page and its data, and never a staff name, an internal text or another party", async () => {
    await seedDemoData();
    const staff = (await prisma.user.findMany({ select: { displayName: true } })).map((user) => user.displayName);
    const cases = await prisma.case.findMany({
      where: { complainantPhone: { not: null } },
      include: {
        auditEvents: { select: { after: true, reason: true, action: true } },
        extensions: { select: { reason: true, decisionNote: true } },
        parties: { where: { role: "respondent" }, select: { name: true, phone: true, address: true } },
        instructions: { select: { text: true } },
        sessions: { select: { notes: true, attendees: true, place: true } },
      },
    });
    const kindsAndStates = new Set(cases.map((record) => `${record.kind}:${record.state}`));
    expect(kindsAndStates.size).toBeGreaterThanOrEqual(12); // every state of every kind that has a complainant
    for (const record of cases) {
      const response = await lookUp(record.caseNo, record.complainantPhone!);
      expect(response.status, record.caseNo).toBe(200);
      const html = await response.text();
      expect(html, record.caseNo).toContain(tKey("query.stage", stageWord(record.state)));
      const internal = [
        ...staff,
        record.resultText,
        ...record.auditEvents.flatMap((event) => {
          const after = event.after ? (JSON.parse(event.after) as Record<string, unknown>) : {};
          return [after.note, after.followUp, after.instruction, event.action === "return" ? event.reason : null];
        }),
        ...record.extensions.flatMap((extension) => [extension.reason, extension.decisionNote]),
        ...record.instructions.map((instruction) => instruction.text),
        ...record.sessions.flatMap((session) => [session.notes, session.attendees]),
        ...record.parties.flatMap((party) => [party.name, party.phone, party.address]),
        record.kind === "mediation" ? record.outcomeText : null,
      ].filter((text): text is string => typeof text === "string" && text.trim().length >= 2);
      // The page's data, as the browser fetches it when it submits with JavaScript, holds no more.
      const data = await (
        await fetch(`${app.baseUrl}/query.data`, {
          method: "POST",
          body: new URLSearchParams({ caseNo: record.caseNo, proof: record.complainantPhone! }),
        })
      ).text();
      expect(data, record.caseNo).toContain(record.caseNo);
      for (const text of internal) {
        expect(html, `${record.caseNo} shows "${text}"`).not.toContain(text);
        expect(data, `${record.caseNo}'s data holds "${text}"`).not.toContain(text);
      }
    }
  });

  it("finds a case by its receipt's lookup code, typed any way, and an anonymous report by its code only", async () => {
    const operator = await makeActor("operator");
    const created = await registerCase(operator, await intakeFields({ complainantName: null, complainantPhone: null }), {
      scheduleJobs: false,
    });
    expect(created.lookupCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const code = created.lookupCode!;
    const typed = `${code.slice(0, 4).toLowerCase()} - ${code.slice(4)}`;
    const found = await lookUp(created.caseNo, typed);
    expect(await found.text()).toContain(t("query.stage.received"));
    // The case number, too, as it is typed from a receipt: lower case, without dashes.
    const bare = await lookUp(created.caseNo.toLowerCase().replace(/-/g, ""), code);
    expect(await bare.text()).toContain(t("query.stage.received"));
    const stored = await prisma.case.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.lookupCodeHash).not.toContain(created.lookupCode);
  });

  it("lets the complainant rate the answer once, which reaches the case, the figures and the desk", async () => {
    const world = { operator: await makeActor("operator"), dispatcher: await makeActor("dispatcher") };
    const gunan = await makeActor("township", "古南街道");
    const created = await assignedCase(world, "2026-03-02 09:00", { complainantPhone: "13800004444" });
    await actInTurn(created.caseNo, [
      [gunan, { action: "submit", text: "已核查" }, "2026-03-05 09:00"],
      [world.dispatcher, { action: "conclude", text: "已责令整改。" }, "2026-03-05 10:00"],
    ]);
    const figures = async () => {
      const { followedUp, satisfied } = await caseStatistics("complaint", yearPeriod(2026));
      return { followedUp, satisfied };
    };
    const before = await figures();

    const found = await lookUp(created.caseNo, "13800004444");
    const cookie = found.headers.get("set-cookie")!.split(";")[0];
    expect(await found.text()).toContain(t("query.rate.title"));
    const rate = (fields: Record<string, string>, headers: Record<string, string> = { cookie }) =>
      fetch(`${app.baseUrl}/query`, {
        method: "POST",
        body: new URLSearchParams({ intent: "rate", caseNo: created.caseNo, ...fields }),
        headers,
        redirect: "manual",
      });

    // Without having proved the case in this browser, or for another case with this case's proof: refused.
    expect((await rate({ satisfaction: "不满意" }, {})).status).toBe(403);
    const other = await prisma.case.findFirstOrThrow({ where: { state: "concluded", id: { not: created.id } } });
    const elsewhere = await fetch(`${app.baseUrl}/query`, {
      method: "POST",
      body: new URLSearchParams({ intent: "rate", caseNo: other.caseNo, satisfaction: "满意" }),
      headers: { cookie },
    });
    expect(elsewhere.status).toBe(403);
    // Not one of the three answers: refused, and what was typed stays.
    const wrong = await rate({ satisfaction: "还行", comment: "处理太慢了" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("处理太慢了");
    expect((await prisma.case.findUniqueOrThrow({ where: { id: created.id } })).satisfaction).toBeNull();

    const rated = await rate({ satisfaction: "不满意", comment: "夜间仍有噪声" });
    expect(rated.status).toBe(200);
    const page = await rated.text();
    expect(page).toContain(t("query.rate.thanks"));
    expect(page).toContain(t("query.rate.given", { level: "不满意" }));
    expect(page).not.toContain(t("query.rate.submit"));
    const stored = await prisma.case.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({
      satisfaction: "不满意",
      satisfactionSource: "complainant",
      satisfactionComment: "夜间仍有噪声",
      ratedRound: 1,
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: created.id, action: "rateAnswer" } });
    expect(event.actorId).toBeNull();
    const notices = await prisma.notification.findMany({ where: { caseId: created.id, kind: "dissatisfied" } });
    expect(notices.map((notice) => notice.userId)).toContain(world.dispatcher.id);
    expect(notices[0].message).toContain(created.caseNo);
    expect(await figures()).toEqual({ followedUp: before.followedUp + 1, satisfied: before.satisfied });

    // Once for each answer; and the desk's closing without a call of its own keeps the rating.
    expect((await rate({ satisfaction: "满意" })).status).toBe(409);
    await act(world.dispatcher, created.caseNo, { action: "close" }, "2026-03-06 09:00");
    expect(await prisma.case.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      satisfaction: "不满意",
      satisfactionSource: "complainant",
    });
  });

  it("answers an unknown case number and a wrong phone with the same page, and stops the eleventh wrong try", async () => {
    // (Not the number the form shows as its example, which the comparison would blank out too.)
    const record = await prisma.case.findFirstOrThrow({
      where: { complainantPhone: { not: null }, caseNo: { not: "TS-2026-00001" } },
    });
    const unknown = await lookUp("TS-2019-99999", "13800000000");
    const wrong = await lookUp(record.caseNo, "13800000000");
    expect([unknown.status, wrong.status]).toEqual([200, 200]);
    const [unknownPage, wrongPage] = [await unknown.text(), await wrong.text()];
    expect(unknownPage).toContain(t("query.noMatch"));
    const [a, b] = [comparable(unknownPage, ["TS-2019-99999"]), comparable(wrongPage, [record.caseNo])];
    const at = [...a].findIndex((char, index) => char !== b[index]);
    expect(a, `first difference: ${a.slice(at - 80, at + 80)} ≠ ${b.slice(at - 80, at + 80)}`).toBe(b);

    // Two wrong tries so far from this address; eight more use up its allowance, the eleventh is refused.
    for (let n = 3; n <= LOOKUP_MAX_FAILURES; n += 1)
      expect((await lookUp(`TS-2019-9999${n % 10}`, "13800000000")).status).toBe(200);
    const refused = await lookUp(record.caseNo, record.complainantPhone!);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("查询次数过多");
    const events = await prisma.securityEvent.groupBy({
      by: ["type"],
      where: { type: { startsWith: "caseLookup" } },
      _count: true,
    });
    const count = (type: string) => events.find((event) => event.type === type)?._count ?? 0;
    expect(count("caseLookupFailed")).toBe(LOOKUP_MAX_FAILURES);
    expect(count("caseLookupThrottled")).toBe(1);
    expect(count("caseLookupSucceeded")).toBeGreaterThan(20);
  });
});

function stageWord(state: string) {
  return (
    {
      registered: "received",
      rejected: "rejected",
      merged: "merged",
      accepted: "handling",
      assigned: "handling",
      submitted: "handling",
      concluded: "answered",
      closed: "closed",
    } as Record<string, string>
  )[state];
}
