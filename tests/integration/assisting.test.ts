import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { formatLocalDateTime } from "~/domain/local-time";
import type { Actor } from "~/domain/roles";
import type { CaseChange } from "~/forms/case-actions";
import { getCaseForViewer } from "~/models/case/view.server";
import { listCases, townshipInbox } from "~/models/case/lists.server";
import { firePartSteps } from "~/models/deadlines/side-clock-steps.server";
import { ActionNotAllowedError, CaseNotFoundError, InputError } from "~/models/errors";
import { act, assignedCase, makeActor, setUpWorld, townshipId } from "../support/fixtures";

/** Lead and assisting units: who reads the case, who submits what, the part's clock (docs/domain.md). */
let world: Awaited<ReturnType<typeof setUpWorld>>;
let sanjiang: Actor;
beforeAll(async () => {
  world = await setUpWorld();
  sanjiang = await makeActor("township", "三江街道");
});

const ask = async (unit: string, workingDays = 3): Promise<CaseChange> => ({
  action: "requestAssistance",
  unitIds: [await townshipId(unit)],
  workingDays,
  instruction: "请协助核查排污口位置",
});
const staffOf = async (unit: string) =>
  (
    await prisma.user.findMany({
      where: { role: "township", townshipId: await townshipId(unit), active: true },
      select: { id: true },
    })
  )
    .map((user) => user.id)
    .sort();
const noticesOf = async (caseNo: string, kind: string) =>
  (await prisma.notification.findMany({ where: { kind, message: { contains: caseNo } }, select: { userId: true } }))
    .map((n) => n.userId)
    .sort();

describe("lead and assisting units", { timeout: 120_000 }, () => {
  it("an assisting unit reads the case masked, finds it in its inbox with its own clock, and submits its part once; the lead is told", async () => {
    // Received and assigned to 古南 on Mon 2 March 2026; 文龙 asked on Tue 3 March for three working days.
    const created = await assignedCase(world, "2026-03-02 09:00", { complainantName: "李四", consentToDisclose: false });
    await act(world.dispatcher, created.caseNo, await ask("文龙街道"), "2026-03-03 09:00");
    const part = await prisma.assistingPart.findFirstOrThrow({ where: { caseId: created.id } });
    expect(formatLocalDateTime(part.dueAt)).toBe("2026-03-06 23:59:59");
    expect(await noticesOf(created.caseNo, "assisting")).toEqual(await staffOf("文龙街道"));

    const view = await getCaseForViewer(world.wenlong, created.caseNo);
    expect(view.complainantName).toBe("李*");
    expect(view.allowedActions).toEqual(["submitPart"]);
    await expect(getCaseForViewer(sanjiang, created.caseNo)).rejects.toBeInstanceOf(CaseNotFoundError);
    const inbox = await townshipInbox(world.wenlong, new Date("2026-03-04T02:00:00Z"));
    expect(inbox.find((row) => row.caseNo === created.caseNo)?.myPart).toMatchObject({ dueAt: part.dueAt, submittedAt: null });
    const leadInbox = await townshipInbox(world.gunan);
    expect(leadInbox.find((row) => row.caseNo === created.caseNo)?.myPart).toBeNull();
    const listed = await listCases(world.wenlong, { sort: "received_desc", page: 1 });
    expect(listed.cases.map((row) => row.caseNo)).toContain(created.caseNo);

    // The assisting unit takes none of the lead's steps.
    await expect(
      act(world.wenlong, created.caseNo, { action: "submit", text: "结果" }, "2026-03-04 09:00"),
    ).rejects.toBeInstanceOf(ActionNotAllowedError);
    await act(
      world.wenlong,
      created.caseNo,
      { action: "submitPart", text: "排污口位于文龙街道一侧，已拍照取证。" },
      "2026-03-04 09:00",
    );
    expect(await prisma.assistingPart.findUniqueOrThrow({ where: { id: part.id } })).toMatchObject({
      partText: "排污口位于文龙街道一侧，已拍照取证。",
      nextStepAt: null,
    });
    expect(await noticesOf(created.caseNo, "partSubmitted")).toEqual(await staffOf("古南街道"));
    await expect(
      act(world.wenlong, created.caseNo, { action: "submitPart", text: "再交一次" }, "2026-03-04 10:00"),
    ).rejects.toBeInstanceOf(ActionNotAllowedError);
    const lead = await getCaseForViewer(world.gunan, created.caseNo);
    expect(lead.assisting[0]).toMatchObject({ unit: { name: "文龙街道" }, partText: "排污口位于文龙街道一侧，已拍照取证。" });
  });

  it("asking the lead itself, or a unit already assisting in the round, is refused", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    const itself = act(world.dispatcher, created.caseNo, await ask("古南街道"), "2026-03-03 09:00");
    await expect(itself).rejects.toMatchObject({ fieldErrors: { unitIds: "assistingIsLead" } });
    await act(world.dispatcher, created.caseNo, await ask("文龙街道"), "2026-03-03 09:00");
    const again = act(world.dispatcher, created.caseNo, await ask("文龙街道"), "2026-03-03 10:00");
    await expect(again).rejects.toBeInstanceOf(InputError);
    await expect(again).rejects.toMatchObject({ fieldErrors: { unitIds: "assistingAlready" } });
  });

  it("a part not submitted climbs its ladder: its unit warned, then its unit and the desk, then the leaders too", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    await act(world.dispatcher, created.caseNo, await ask("文龙街道", 1), "2026-03-03 09:00");
    const part = await prisma.assistingPart.findFirstOrThrow({ where: { caseId: created.id } });
    await firePartSteps(part.warningAt);
    expect(await noticesOf(created.caseNo, "partClock")).toEqual(await staffOf("文龙街道"));
    await firePartSteps(part.dueAt);
    await firePartSteps(part.supervisionAt);
    const dispatchers = (await prisma.user.findMany({ where: { role: "dispatcher", active: true } })).length;
    const leaders = (await prisma.user.findMany({ where: { role: "leader", active: true } })).length;
    const wenlong = (await staffOf("文龙街道")).length;
    expect((await noticesOf(created.caseNo, "partClock")).length).toBe(wenlong * 3 + dispatchers * 2 + leaders);
    expect(await prisma.auditEvent.count({ where: { caseId: created.id, action: "partClock" } })).toBe(3);
  });

  it("a return's decision sets a lead unit with assisting units", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    await act(
      world.gunan,
      created.caseNo,
      { action: "return", ground: "otherDepartment", reason: "需多部门", suggestedUnitId: null },
      "2026-03-02 10:00",
    );
    const decision: CaseChange = {
      action: "decideReturn",
      decision: "lead",
      assigneeId: await townshipId("三江街道"),
      assistingIds: [await townshipId("古南街道"), await townshipId("文龙街道")],
      reason: "三江街道主办，古南、文龙协办",
    };
    await act(world.dispatcher, created.caseNo, decision, "2026-03-02 11:00");
    const record = await prisma.case.findUniqueOrThrow({ where: { id: created.id }, include: { assisting: true } });
    expect(record.leadUnitId).toBe(await townshipId("三江街道"));
    expect(record.assisting.map((part) => part.unitId).sort()).toEqual(
      [await townshipId("古南街道"), await townshipId("文龙街道")].sort(),
    );
    // The returning unit now assists: it reads the case again and owes its part.
    expect((await getCaseForViewer(world.gunan, created.caseNo)).allowedActions).toEqual(["submitPart"]);
  });
});
