import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { formatLocalDateTime } from "~/domain/local-time";
import type { Actor } from "~/domain/roles";
import type { CaseChange } from "~/forms/case-actions";
import { getCaseForViewer } from "~/models/case/view.server";
import { overdueReturns, problemCases } from "~/models/case/returns.server";
import { fireReturnSteps } from "~/models/deadlines/side-clock-steps.server";
import { deskQueue } from "~/models/desk/queues.server";
import { ActionNotAllowedError, CaseNotFoundError, InputError } from "~/models/errors";
import { act, assignedCase, makeActor, setUpWorld, townshipId } from "../support/fixtures";

/** Returns decided by the desk, on their own clock; problem cases; the lead unit (docs/domain.md). */
let world: Awaited<ReturnType<typeof setUpWorld>>;
let sanjiang: Actor;
beforeAll(async () => {
  world = await setUpWorld();
  sanjiang = await makeActor("township", "三江街道");
});

const giveBack = (reason = "地址在文龙街道辖区。"): CaseChange => ({
  action: "return",
  ground: "notOurArea",
  reason,
  suggestedUnitId: null,
});
const decide = (decision: "uphold" | "reassign" | "lead", assigneeId: number | null, reason = "经核实"): CaseChange => ({
  action: "decideReturn",
  decision,
  assigneeId,
  assistingIds: [],
  reason,
});
const caseOf = (caseNo: string) => prisma.case.findUniqueOrThrow({ where: { caseNo }, include: { milestones: true } });
const noticesOf = (caseNo: string, kind: string) =>
  prisma.notification.findMany({ where: { kind, message: { contains: caseNo } }, select: { userId: true } });
const activeIds = async (where: object) =>
  (await prisma.user.findMany({ where: { ...where, active: true }, select: { id: true } })).map((user) => user.id).sort();

describe("returns are decided", { timeout: 120_000 }, () => {
  it("a return names its ground and the unit suggested, waits for the desk on its own clock, and leaves the case's clocks running", async () => {
    // Received and assigned Monday 2 March 2026 09:00; returned the same day at 14:00.
    const created = await assignedCase(world, "2026-03-02 09:00");
    const before = await caseOf(created.caseNo);
    const wenlongId = await townshipId("文龙街道");
    const suggesting: CaseChange = {
      action: "return",
      ground: "notOurArea",
      reason: "文龙街道辖区。",
      suggestedUnitId: wenlongId,
    };
    await act(world.gunan, created.caseNo, suggesting, "2026-03-02 14:00");

    const after = await caseOf(created.caseNo);
    expect(after).toMatchObject({ state: "accepted", assignedToId: null, unitChanges: 0, problemSince: null });
    // The complainant's deadline does not wait while units argue.
    expect(after.milestones.find((m) => m.milestone === "conclude")!.dueAt).toEqual(
      before.milestones.find((m) => m.milestone === "conclude")!.dueAt,
    );
    const open = await prisma.caseReturn.findFirstOrThrow({ where: { caseId: after.id } });
    expect(open).toMatchObject({ ground: "notOurArea", suggestedUnitId: wenlongId, decidedAt: null });
    // One working day (the policy's default): the end of Tuesday 3 March.
    expect(formatLocalDateTime(open.dueAt)).toBe("2026-03-03 23:59:59");
    // Every dispatcher is told.
    expect((await noticesOf(created.caseNo, "returned")).map((n) => n.userId).sort()).toEqual(
      await activeIds({ role: "dispatcher" }),
    );
    // The desk's queues: the return waits to be decided, not to be assigned; assigning is not the way.
    const now = new Date("2026-03-02T07:00:00Z");
    expect((await deskQueue("returned", now)).map((row) => row.caseNo)).toContain(created.caseNo);
    expect((await deskQueue("toAssign", now)).map((row) => row.caseNo)).not.toContain(created.caseNo);
    await expect(
      act(world.dispatcher, created.caseNo, { action: "assign", assigneeId: wenlongId }, "2026-03-02 15:00"),
    ).rejects.toBeInstanceOf(ActionNotAllowedError);
    // The returning township no longer sees the case until the decision gives it back.
    await expect(getCaseForViewer(world.gunan, created.caseNo)).rejects.toBeInstanceOf(CaseNotFoundError);

    // Upheld: the township goes on, with the deadline it had, and its staff are told why.
    await act(world.dispatcher, created.caseNo, decide("uphold", null, "地址属古南街道辖区。"), "2026-03-02 16:00");
    const upheld = await caseOf(created.caseNo);
    expect(upheld).toMatchObject({ state: "assigned", assignedToId: await townshipId("古南街道"), unitChanges: 0 });
    expect(upheld.milestones.find((m) => m.milestone === "conclude")!.dueAt).toEqual(
      before.milestones.find((m) => m.milestone === "conclude")!.dueAt,
    );
    const decided = await prisma.caseReturn.findFirstOrThrow({ where: { caseId: after.id } });
    expect(decided).toMatchObject({ decision: "uphold", decisionReason: "地址属古南街道辖区。", nextStep: null });
    const told = await noticesOf(created.caseNo, "returnDecided");
    expect(told.map((n) => n.userId).sort()).toEqual(
      await activeIds({ role: "township", townshipId: await townshipId("古南街道") }),
    );
    const view = await getCaseForViewer(world.gunan, created.caseNo);
    expect(view.returns).toHaveLength(1);
    expect(view.returns[0]).toMatchObject({ decision: "uphold", fromUnit: { name: "古南街道" } });
    expect(view.timeline.map((event) => event.action)).toEqual(expect.arrayContaining(["return", "decideReturn"]));
  });

  it("a reassignment must name another unit; it moves the case and counts a change of unit", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    await act(world.gunan, created.caseNo, giveBack(), "2026-03-02 14:00");
    const gunanId = await townshipId("古南街道");
    const refused = act(world.dispatcher, created.caseNo, decide("reassign", gunanId), "2026-03-02 15:00");
    await expect(refused).rejects.toBeInstanceOf(InputError);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { assigneeId: "reassignElsewhere" } });
    expect((await caseOf(created.caseNo)).state).toBe("accepted");

    await act(world.dispatcher, created.caseNo, decide("reassign", await townshipId("文龙街道")), "2026-03-02 15:00");
    expect(await caseOf(created.caseNo)).toMatchObject({
      state: "assigned",
      assignedToId: await townshipId("文龙街道"),
      unitChanges: 1,
    });
    await expect(getCaseForViewer(world.gunan, created.caseNo)).rejects.toBeInstanceOf(CaseNotFoundError);
    expect((await getCaseForViewer(world.wenlong, created.caseNo)).returns[0].decision).toBe("reassign");
  });

  it("an undecided return climbs its ladder once per step: the desk, then the desk again, then the leaders too", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    await act(world.gunan, created.caseNo, giveBack(), "2026-03-02 14:00");
    const row = await prisma.caseReturn.findFirstOrThrow({ where: { case: { caseNo: created.caseNo } } });
    const firedFor = async (when: Date) => {
      await fireReturnSteps(when);
      return prisma.caseReturn.findUniqueOrThrow({ where: { id: row.id }, select: { nextStep: true } });
    };
    // A one-day clock warns half-way, is late after its due instant, and is supervised three working days on.
    expect(await firedFor(new Date(row.warningAt.getTime() - 1000))).toEqual({ nextStep: "warning" });
    expect(await firedFor(row.warningAt)).toEqual({ nextStep: "overdue" });
    expect(await firedFor(row.warningAt)).toEqual({ nextStep: "overdue" });
    expect(await firedFor(row.dueAt)).toEqual({ nextStep: "supervision" });
    const overdue = await overdueReturns(new Date(row.dueAt.getTime() + 1000));
    expect(overdue.map((r) => r.id)).toContain(row.id);
    expect(await firedFor(row.supervisionAt)).toEqual({ nextStep: null });
    const notices = await noticesOf(created.caseNo, "returnClock");
    const dispatchers = await activeIds({ role: "dispatcher" });
    const leaders = await activeIds({ role: "leader" });
    expect(notices.length).toBe(dispatchers.length * 3 + leaders.length);
    const steps = await prisma.auditEvent.count({ where: { case: { caseNo: created.caseNo }, action: "returnClock" } });
    expect(steps).toBe(3);
  });

  it("a decided return's clock stops", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    await act(world.gunan, created.caseNo, giveBack(), "2026-03-02 14:00");
    await act(world.dispatcher, created.caseNo, decide("uphold", null), "2026-03-02 14:30");
    const row = await prisma.caseReturn.findFirstOrThrow({ where: { case: { caseNo: created.caseNo } } });
    await fireReturnSteps(row.supervisionAt);
    expect(await noticesOf(created.caseNo, "returnClock")).toHaveLength(0);
  });
});

describe("problem cases and the lead unit", { timeout: 120_000 }, () => {
  it("the third return makes a problem case the leaders hear of once; a lead unit ends it and may not return the case", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    for (const [index, when] of ["2026-03-02 10:00", "2026-03-03 10:00"].entries()) {
      await act(world.gunan, created.caseNo, giveBack(`第${index + 1}次退回`), when);
      await act(world.dispatcher, created.caseNo, decide("uphold", null), when.replace("10:00", "11:00"));
      expect((await caseOf(created.caseNo)).problemSince).toBeNull();
    }
    await act(world.gunan, created.caseNo, giveBack("第3次退回"), "2026-03-04 10:00");
    const problem = await caseOf(created.caseNo);
    expect(problem.problemSince).toEqual(new Date("2026-03-04T02:00:00Z"));
    const leaders = await activeIds({ role: "leader" });
    expect((await noticesOf(created.caseNo, "problemCase")).map((n) => n.userId).sort()).toEqual(leaders);
    expect((await problemCases()).map((row) => row.caseNo)).toContain(created.caseNo);
    expect((await getCaseForViewer(world.dispatcher, created.caseNo)).problemCase).not.toBeNull();

    // Upheld once more and returned a fourth time: still one notice.
    await act(world.dispatcher, created.caseNo, decide("uphold", null), "2026-03-04 11:00");
    await act(world.gunan, created.caseNo, giveBack("第4次退回"), "2026-03-05 10:00");
    expect(await noticesOf(created.caseNo, "problemCase")).toHaveLength(leaders.length);

    // The desk sets 三江街道 as lead unit: no longer a problem case, and the lead may not return it.
    const sanjiangId = await townshipId("三江街道");
    await act(world.dispatcher, created.caseNo, decide("lead", sanjiangId, "由三江街道主办"), "2026-03-05 11:00");
    expect(await caseOf(created.caseNo)).toMatchObject({ assignedToId: sanjiangId, leadUnitId: sanjiangId });
    expect((await problemCases()).map((row) => row.caseNo)).not.toContain(created.caseNo);
    const view = await getCaseForViewer(sanjiang, created.caseNo);
    expect(view).toMatchObject({ leadUnitName: "三江街道", problemCase: null });
    expect(view.allowedActions).not.toContain("return");
    await expect(act(sanjiang, created.caseNo, giveBack(), "2026-03-05 12:00")).rejects.toBeInstanceOf(ActionNotAllowedError);
  });

  it("the third change of handling unit by the desk makes a problem case; a lead unit dropped by a reassignment no longer protects it", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    const [wenlong, sanjiangId, gunan] = [
      await townshipId("文龙街道"),
      await townshipId("三江街道"),
      await townshipId("古南街道"),
    ];
    await act(world.dispatcher, created.caseNo, { action: "assign", assigneeId: wenlong }, "2026-03-02 10:00");
    // Assigning to the unit that holds it is no change.
    await act(world.dispatcher, created.caseNo, { action: "assign", assigneeId: wenlong }, "2026-03-02 10:30");
    await act(world.dispatcher, created.caseNo, { action: "assign", assigneeId: sanjiangId }, "2026-03-02 11:00");
    expect(await caseOf(created.caseNo)).toMatchObject({ unitChanges: 2, problemSince: null });
    await act(world.dispatcher, created.caseNo, { action: "assign", assigneeId: gunan }, "2026-03-02 12:00");
    expect(await caseOf(created.caseNo)).toMatchObject({ unitChanges: 3 });
    expect((await caseOf(created.caseNo)).problemSince).not.toBeNull();
    expect((await problemCases()).map((row) => row.caseNo)).toContain(created.caseNo);
  });
});
