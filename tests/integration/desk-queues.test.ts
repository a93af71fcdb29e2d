import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { accountActor } from "../support/browser";
import { act, assignedCase, intakeFields, townshipId } from "../support/fixtures";
import { registerCase } from "~/models/case/service.server";
import { useHttpApp } from "../support/http";

/** The desk's queues over HTTP: steps from the list, for one row or many, each case its own change. */
const { signIn, request, baseUrl } = useHttpApp();

async function registered(subject: string, township = "古南街道") {
  const operator = await accountActor("operator");
  const created = await registerCase(operator, await intakeFields({ subject, townshipId: await townshipId(township) }), {
    scheduleJobs: false,
  });
  return prisma.case.findUniqueOrThrow({ where: { id: created.id } });
}

const pick = (record: { caseNo: string; version: number }) => `${record.caseNo}@${record.version}`;
const post = (cookie: string, fields: [string, string][]) =>
  request("/dispatch", { method: "POST", cookie, body: new URLSearchParams(fields) });
const stepsOf = (caseId: number, action: string) => prisma.auditEvent.count({ where: { caseId, action } });

describe("the desk's queues", { timeout: 120_000 }, () => {
  it("accepts the picked cases, one audit event each, and leaves alone one changed since the list was shown", async () => {
    const cookie = await signIn("dispatcher");
    const [first, second, changed] = [await registered("批量一"), await registered("批量二"), await registered("批量三")];
    const page = await request("/dispatch?queue=toAccept", { cookie });
    expect(await page.text()).toContain(pick(first));
    // Someone else accepts the third meanwhile.
    await act(await accountActor("dispatcher"), changed.caseNo, { action: "accept" });

    const key = "desk-key-00000001";
    const fields: [string, string][] = [
      ["queue", "toAccept"],
      ["intent", "accept"],
      ["submissionKey", key],
      ...[first, second, changed].map((record): [string, string] => ["picked", pick(record)]),
    ];
    const answer = await post(cookie, fields);
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get("location")!, baseUrl()).searchParams;
    expect(back.get("count")).toBe("2");
    expect(back.get("changed")).toBe(changed.caseNo);
    for (const record of [first, second]) {
      expect(await prisma.case.findUniqueOrThrow({ where: { id: record.id } })).toMatchObject({ state: "accepted" });
      expect(await stepsOf(record.id, "accept")).toBe(1);
    }
    expect(await stepsOf(changed.id, "accept")).toBe(1); // the other dispatcher's, not a second one
    const shown = await request(`/dispatch?${back}`, { cookie });
    expect(await shown.text()).toContain(t("desk.leftAlone", { cases: changed.caseNo }));

    // The same submission again (a double click, a retry) takes nothing twice.
    expect((await post(cookie, fields)).status).toBe(302);
    for (const record of [first, second]) expect(await stepsOf(record.id, "accept")).toBe(1);
  });

  it("assigns a row to the township it was reported in unless another is chosen, and the picked rows to one township", async () => {
    const cookie = await signIn("dispatcher");
    const dispatcher = await accountActor("dispatcher");
    const inWenlong = await registered("文龙的工地", "文龙街道");
    const others = [await registered("交办一"), await registered("交办二")];
    for (const record of [inWenlong, ...others]) await act(dispatcher, record.caseNo, { action: "accept" });
    const now = async (id: number) => prisma.case.findUniqueOrThrow({ where: { id } });

    const row = await now(inWenlong.id);
    const own = await post(cookie, [
      ["queue", "toAssign"],
      ["intent", "assign"],
      ["submissionKey", "desk-key-00000002"],
      ["only", pick(row)],
      [`assigneeId:${row.caseNo}`, String(await townshipId("文龙街道"))],
    ]);
    expect(own.status).toBe(302);
    expect((await now(inWenlong.id)).assignedToId).toBe(await townshipId("文龙街道"));

    const gunan = await townshipId("古南街道");
    const yongcheng = await townshipId("永城镇");
    const bulk = await post(cookie, [
      ["queue", "toAssign"],
      ["intent", "assign"],
      ["submissionKey", "desk-key-00000003"],
      ["assigneeId", String(yongcheng)],
      ...(await Promise.all(others.map(async (record) => ["picked", pick(await now(record.id))] as [string, string]))),
      ...others.map((record): [string, string] => [`assigneeId:${record.caseNo}`, String(gunan)]),
    ]);
    expect(bulk.status).toBe(302);
    for (const record of others) expect((await now(record.id)).assignedToId).toBe(yongcheng);
  });

  it("closes a concluded case with the call's answer, and refuses what is not a step of the list", async () => {
    const cookie = await signIn("dispatcher");
    const dispatcher = await accountActor("dispatcher");
    const gunan = await accountActor("gunan");
    const world = { operator: await accountActor("operator"), dispatcher };
    const created = await assignedCase(world, new Date(), { complainantPhone: "139-0000-1111" });
    await act(gunan, created.caseNo, { action: "submit", text: "已整改" });
    await act(dispatcher, created.caseNo, { action: "conclude", text: "已答复" });
    const page = await (await request("/dispatch?queue=followUp", { cookie })).text();
    expect(page).toContain('href="tel:13900001111"');

    const record = await prisma.case.findUniqueOrThrow({ where: { id: created.id } });
    const closed = await post(cookie, [
      ["queue", "followUp"],
      ["intent", "close"],
      ["submissionKey", "desk-key-00000004"],
      ["only", pick(record)],
      [`satisfaction:${record.caseNo}`, "满意"],
    ]);
    expect(closed.status).toBe(302);
    expect(await prisma.case.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      state: "closed",
      satisfaction: "满意",
    });

    const before = await prisma.auditEvent.count();
    for (const fields of [
      [
        ["queue", "toAccept"],
        ["intent", "conclude"],
        ["submissionKey", "desk-key-00000005"],
        ["only", pick(record)],
      ],
      [
        ["queue", "toAccept"],
        ["intent", "accept"],
        ["submissionKey", "desk-key-00000006"],
      ],
      [
        ["queue", "toAccept"],
        ["intent", "accept"],
        ["submissionKey", "desk-key-00000007"],
        ["picked", "TS-2026-1@1"],
      ],
      [
        ["queue", "nowhere"],
        ["intent", "accept"],
        ["submissionKey", "desk-key-00000008"],
        ["only", pick(record)],
      ],
    ] as [string, string][][]) {
      expect((await post(cookie, fields)).status, JSON.stringify(fields)).toBe(400);
    }
    expect(await prisma.auditEvent.count()).toBe(before);
    // Township staff have no desk.
    expect((await post(await signIn("gunan"), [["queue", "toAccept"]])).status).toBe(403);
  });
});
