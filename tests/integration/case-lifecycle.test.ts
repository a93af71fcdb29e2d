import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { Actor } from "~/domain/roles";
import { parseCaseListQuery } from "~/forms/case-list";
import { caseReport, getCaseForViewer } from "~/models/case/view.server";
import { listCases } from "~/models/case/lists.server";
import { changeCase, registerCase } from "~/models/case/service.server";
import { ActionNotAllowedError, InputError, CaseNotFoundError, StaleVersionError } from "~/models/errors";
import { act, at, intakeFields, setUpWorld, townshipId } from "../support/fixtures";

let world: Awaited<ReturnType<typeof setUpWorld>>;
const noJobs = { scheduleJobs: false };

beforeAll(async () => {
  world = await setUpWorld();
});

async function registered(overrides = {}) {
  return registerCase(world.operator, await intakeFields(overrides), { now: at("2026-03-02 09:05"), ...noJobs });
}

/** Accepted at 10:00 and assigned to 古南街道 at 10:05 on the day of receipt. */
async function acceptAndAssign(caseNo: string) {
  await act(world.dispatcher, caseNo, { action: "accept" }, "2026-03-02 10:00");
  await act(world.dispatcher, caseNo, { action: "assign", assigneeId: await townshipId("古南街道") }, "2026-03-02 10:05");
}

describe("the complaint lifecycle", () => {
  it("goes from intake to closing through four people, each step audited", async () => {
    const created = await registered();
    expect(created.caseNo).toMatch(/^TS-2026-\d{5}$/);
    expect(created.state).toBe("registered");

    await acceptAndAssign(created.caseNo);
    await act(world.gunan, created.caseNo, { action: "note", text: "已到现场。" }, "2026-03-03 09:00");
    await act(world.gunan, created.caseNo, { action: "submit", text: "已责令整改。" }, "2026-03-05 16:00");
    await act(world.dispatcher, created.caseNo, { action: "conclude", text: "已处理，感谢监督。" }, "2026-03-06 10:00");
    await act(world.dispatcher, created.caseNo, { action: "close", satisfaction: "满意" }, "2026-03-09 10:00");

    const report = (await caseReport(created.caseNo))!;
    expect(report.state).toBe("closed");
    expect(report.overdue).toBe(false);
    expect(report.auditEvents.map((event) => event.action)).toEqual([
      "register",
      "accept",
      "assign",
      "note",
      "submit",
      "conclude",
      "close",
    ]);
    const assign = report.auditEvents[2];
    expect(assign.before).toMatchObject({ state: "accepted", assignedToId: null });
    expect(assign.after).toMatchObject({ state: "assigned", assignedTo: "古南街道" });
    const accept = report.milestones.find((m) => m.milestone === "accept")!;
    expect(accept.dueAtLocal).toBe("2026-03-03 23:59:59");
    expect(accept.status).toBe("met");
    const conclude = report.milestones.find((m) => m.milestone === "conclude")!;
    expect(conclude.dueAtLocal).toBe("2026-03-23 23:59:59");
    expect(conclude.status).toBe("met");
    expect(conclude.overdue).toBe(false);
  });

  it("answers the registered case as the database holds it, every field typed as Prisma reads it", async () => {
    // The row comes back from a raw INSERT … RETURNING (case-row.server.ts), not through Prisma's create.
    const { lookupCode, repeated, ...created } = await registered({ latitude: 29.71, longitude: 106.63 });
    expect(created).toEqual(await prisma.case.findUniqueOrThrow({ where: { id: created.id } }));
    expect(created.receivedAt).toBeInstanceOf(Date);
    expect([typeof created.overdue, typeof created.latitude, lookupCode.length > 0, repeated]).toEqual([
      "boolean",
      "number",
      true,
      false,
    ]);
  });

  it("rejects with a reason and stops every clock", async () => {
    const created = await registered();
    await expect(
      act(world.dispatcher, created.caseNo, { action: "reject", reason: " " }, "2026-03-02 10:00"),
    ).rejects.toBeInstanceOf(InputError);
    await act(world.dispatcher, created.caseNo, { action: "reject", reason: "不属于本部门职责。" }, "2026-03-02 10:00");
    const report = (await caseReport(created.caseNo))!;
    expect(report.state).toBe("rejected");
    expect(report.milestones.map((m) => m.status).sort()).toEqual(["cancelled", "met"]);
    expect(report.auditEvents.at(-1)).toMatchObject({ action: "reject", reason: "不属于本部门职责。" });
  });

  it("a township returns a wrong assignment, which goes back to the dispatcher", async () => {
    const created = await registered();
    await acceptAndAssign(created.caseNo);
    await act(
      world.gunan,
      created.caseNo,
      { action: "return", ground: "notOurArea", reason: "地址属于文龙街道。", suggestedUnitId: null },
      "2026-03-02 14:00",
    );
    const record = await prisma.case.findUniqueOrThrow({ where: { caseNo: created.caseNo } });
    expect(record.state).toBe("accepted");
    expect(record.assignedToId).toBeNull();
    await expect(getCaseForViewer(world.gunan, created.caseNo)).rejects.toBeInstanceOf(CaseNotFoundError);
  });

  it("send back returns a result to the township", async () => {
    const created = await registered();
    await acceptAndAssign(created.caseNo);
    await act(world.gunan, created.caseNo, { action: "submit", text: "已处理。" }, "2026-03-03 10:00");
    await act(world.dispatcher, created.caseNo, { action: "sendBack", reason: "缺少现场照片。" }, "2026-03-03 15:00");
    expect((await prisma.case.findUniqueOrThrow({ where: { caseNo: created.caseNo } })).state).toBe("assigned");
  });

  it("merges a repeat report into an open case, recorded on both", async () => {
    const original = await registered();
    await act(world.dispatcher, original.caseNo, { action: "accept" }, "2026-03-02 10:00");
    const repeat = await registered();
    await expect(
      act(world.dispatcher, repeat.caseNo, { action: "merge", targetCaseNo: "TS-1999-00001" }, "2026-03-02 11:00"),
    ).rejects.toBeInstanceOf(InputError);
    await act(world.dispatcher, repeat.caseNo, { action: "merge", targetCaseNo: original.caseNo }, "2026-03-02 11:00");
    const repeatReport = (await caseReport(repeat.caseNo))!;
    expect(repeatReport.state).toBe("merged");
    expect(repeatReport.milestones.every((m) => m.status === "cancelled")).toBe(true);
    const originalReport = (await caseReport(original.caseNo))!;
    expect(originalReport.auditEvents.at(-1)).toMatchObject({ action: "repeatMerged", after: { repeat: repeat.caseNo } });
  });

  it("an operator can merge at intake", async () => {
    const original = await registered();
    const repeat = await registerCase(world.operator, await intakeFields(), {
      now: at("2026-03-02 12:00"),
      mergeIntoCaseNo: original.caseNo,
      ...noJobs,
    });
    expect(repeat.state).toBe("merged");
    expect(repeat.mergedIntoId).toBe(original.id);
  });
});

describe("permissions", () => {
  it("only a dispatcher accepts, and only a registered case", async () => {
    const created = await registered();
    await expect(act(world.operator, created.caseNo, { action: "accept" }, "2026-03-02 10:00")).rejects.toBeInstanceOf(
      ActionNotAllowedError,
    );
    await expect(act(world.leader, created.caseNo, { action: "accept" }, "2026-03-02 10:00")).rejects.toBeInstanceOf(
      ActionNotAllowedError,
    );
    await act(world.dispatcher, created.caseNo, { action: "accept" }, "2026-03-02 10:00");
    await expect(act(world.dispatcher, created.caseNo, { action: "accept" }, "2026-03-02 10:01")).rejects.toBeInstanceOf(
      ActionNotAllowedError,
    );
  });

  it("township staff cannot see or act on another township's case", async () => {
    const created = await registered();
    await acceptAndAssign(created.caseNo);
    await expect(getCaseForViewer(world.wenlong, created.caseNo)).rejects.toBeInstanceOf(CaseNotFoundError);
    await expect(act(world.wenlong, created.caseNo, { action: "submit", text: "x" }, "2026-03-02 11:00")).rejects.toBeInstanceOf(
      CaseNotFoundError,
    );
    const listed = await listCases(world.wenlong, parseCaseListQuery(new URLSearchParams()));
    expect(listed.cases.map((c) => c.caseNo)).not.toContain(created.caseNo);
    const own = await listCases(world.gunan, parseCaseListQuery(new URLSearchParams()));
    expect(own.cases.map((c) => c.caseNo)).toContain(created.caseNo);
  });

  it("township staff see the complainant masked, also in the timeline, unless consent was given", async () => {
    const created = await registered({ complainantName: "欧阳小明", complainantPhone: "13912345678" });
    await acceptAndAssign(created.caseNo);
    const view = await getCaseForViewer(world.gunan, created.caseNo);
    expect(view.complainantName).toBe("欧***");
    expect(view.complainantPhone).toBe("139****5678");
    expect(JSON.stringify(view.timeline)).not.toContain("13912345678");
    expect(JSON.stringify(view.timeline)).not.toContain("欧阳小明");
    const dispatcherView = await getCaseForViewer(world.dispatcher, created.caseNo);
    expect(dispatcherView.complainantPhone).toBe("13912345678");
  });

  it("a township user cannot search by a complainant's phone", async () => {
    const created = await registered({ complainantPhone: "13700007777" });
    await acceptAndAssign(created.caseNo);
    const byPhone = (actor: Actor) => listCases(actor, parseCaseListQuery(new URLSearchParams({ q: "13700007777" })));
    expect((await byPhone(world.dispatcher)).cases.map((c) => c.caseNo)).toEqual([created.caseNo]);
    expect((await byPhone(world.gunan)).total).toBe(0);
  });
});

describe("the case list", () => {
  it("finds cases by Chinese words of the description, by case number and by phone, with filters", async () => {
    const fumes = await registered({
      description: "餐馆油烟直排，熏黑了楼上住户的窗户。",
      category: "cookingFumes",
      complainantPhone: "13655550000",
    });
    const noise = await registered({ description: "工地夜间打桩。" });
    const search = (params: Record<string, string>) =>
      listCases(world.dispatcher, parseCaseListQuery(new URLSearchParams(params))).then((r) => r.cases.map((c) => c.caseNo));
    expect(await search({ q: "油烟直排" })).toEqual([fumes.caseNo]);
    expect(await search({ q: fumes.caseNo.toLowerCase() })).toEqual([fumes.caseNo]);
    expect(await search({ q: "136-5555-0000" })).toEqual([fumes.caseNo]);
    expect(await search({ q: "打桩", category: "cookingFumes" })).toEqual([]);
    expect(await search({ q: "打桩", category: "noise", state: "registered" })).toEqual([noise.caseNo]);
  });

  it("pages in a stable order, ties broken by id", async () => {
    for (let i = 0; i < 35; i += 1) await registered({ subject: "分页测试单位" });
    const page = (n: number) =>
      listCases(
        world.dispatcher,
        parseCaseListQuery(new URLSearchParams({ q: "分页测试单位", page: String(n), sort: "received_asc" })),
      );
    const [first, second] = [await page(1), await page(2)];
    expect(first.total).toBe(35);
    expect(first.pageCount).toBe(2);
    expect(first.cases).toHaveLength(30);
    expect(second.cases).toHaveLength(5);
    const all = [...first.cases, ...second.cases].map((c) => c.id);
    expect(all).toEqual([...all].sort((a, b) => a - b));
  });
});

describe("optimistic concurrency", () => {
  it("a change made against an old version is refused and changes nothing", async () => {
    const created = await registered();
    const stale = created.version;
    await changeCase(world.dispatcher, created.caseNo, stale, { action: "edit", fields: { subject: "第一人修改" } }, noJobs);
    await expect(
      changeCase(world.operator, created.caseNo, stale, { action: "edit", fields: { subject: "第二人修改" } }, noJobs),
    ).rejects.toBeInstanceOf(StaleVersionError);
    const record = await prisma.case.findUniqueOrThrow({ where: { caseNo: created.caseNo } });
    expect(record.subject).toBe("第一人修改");
    expect(record.version).toBe(stale + 1);
  });

  it("two simultaneous accepts: exactly one succeeds", async () => {
    const created = await registered();
    const results = await Promise.allSettled([
      changeCase(world.dispatcher, created.caseNo, created.version, { action: "accept" }, noJobs),
      changeCase(world.dispatcher, created.caseNo, created.version, { action: "accept" }, noJobs),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const events = await prisma.auditEvent.count({ where: { caseId: created.id, action: "accept" } });
    expect(events).toBe(1);
  });
});

describe("editing, extensions and reopening", () => {
  it("editing the received time before acceptance recomputes the deadlines and records before and after", async () => {
    const created = await registered();
    await act(
      world.operator,
      created.caseNo,
      { action: "edit", fields: { receivedAt: at("2026-02-27 16:00") } },
      "2026-03-02 09:30",
    );
    const report = (await caseReport(created.caseNo))!;
    // Saturday 28 February 2026 is a make-up working day (调休上班).
    expect(report.milestones.find((m) => m.milestone === "accept")!.dueAtLocal).toBe("2026-02-28 23:59:59");
    const edit = report.auditEvents.at(-1)!;
    expect(edit.action).toBe("edit");
    expect(Object.keys(edit.after!)).toEqual(["receivedAt"]);
  });

  it("an approved extension counts on from the due day, across the National Day holiday", async () => {
    const created = await registerCase(world.operator, await intakeFields({ receivedAt: at("2026-09-08 09:00") }), {
      now: at("2026-09-08 09:00"),
      ...noJobs,
    });
    await act(world.dispatcher, created.caseNo, { action: "accept" }, "2026-09-08 10:00");
    await act(
      world.dispatcher,
      created.caseNo,
      { action: "assign", assigneeId: await townshipId("古南街道") },
      "2026-09-08 10:05",
    );
    const before = (await caseReport(created.caseNo))!.milestones.find((m) => m.milestone === "conclude")!;
    expect(before.dueAtLocal).toBe("2026-09-29 23:59:59");
    await act(
      world.gunan,
      created.caseNo,
      { action: "requestExtension", amount: 3, reason: "需要监测数据。" },
      "2026-09-25 10:00",
    );
    await expect(
      act(world.gunan, created.caseNo, { action: "requestExtension", amount: 3, reason: "再次申请" }, "2026-09-25 11:00"),
    ).rejects.toBeInstanceOf(ActionNotAllowedError);
    await act(world.dispatcher, created.caseNo, { action: "approveExtension" }, "2026-09-25 15:00");
    const after = (await caseReport(created.caseNo))!.milestones.find((m) => m.milestone === "conclude")!;
    // From 29 Sep: 30 Sep, then the holiday 1–7 Oct, then 8 and 9 Oct.
    expect(after.dueAtLocal).toBe("2026-10-09 23:59:59");
    expect(after.extendedBy).toBe(3);
    const event = (await caseReport(created.caseNo))!.auditEvents.at(-1)!;
    expect(event).toMatchObject({ action: "approveExtension", after: { extensionAmount: 3 } });
  });

  it("reopening starts a new round with its own conclusion deadline", async () => {
    const created = await registered();
    await acceptAndAssign(created.caseNo);
    await act(world.gunan, created.caseNo, { action: "submit", text: "已处理。" }, "2026-03-03 10:00");
    await act(world.dispatcher, created.caseNo, { action: "conclude", text: "已答复。" }, "2026-03-04 10:00");
    await act(world.dispatcher, created.caseNo, { action: "reopen", reason: "问题反弹。" }, "2026-04-01 10:00");
    const report = (await caseReport(created.caseNo))!;
    expect(report.state).toBe("assigned");
    expect(report.round).toBe(2);
    expect(report.concludedAt).toBeNull();
    const roundTwo = report.milestones.filter((m) => m.round === 2);
    expect(roundTwo).toHaveLength(1);
    expect(roundTwo[0]).toMatchObject({ milestone: "conclude", status: "open", dueAtLocal: "2026-04-23 23:59:59" });
  });
});

describe("the audit trail", () => {
  it("cannot be updated or deleted", async () => {
    const created = await registered();
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: created.id } });
    await expect(prisma.auditEvent.update({ where: { id: event.id }, data: { action: "forged" } })).rejects.toThrow();
    await expect(prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);
  });
});

describe("case numbers", () => {
  it("50 concurrent intakes get 50 distinct consecutive numbers", async () => {
    const fields = await intakeFields({ receivedAt: at("2025-06-02 09:00") });
    const created = await Promise.all(
      Array.from({ length: 50 }, () => registerCase(world.operator, fields, { now: at("2025-06-02 09:01"), ...noJobs })),
    );
    const seqs = created.map((c) => c.seq).sort((a, b) => a - b);
    expect(new Set(created.map((c) => c.caseNo)).size).toBe(50);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(created.every((c) => c.caseNo.startsWith("TS-2025-"))).toBe(true);
  });
});
