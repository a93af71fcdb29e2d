import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { formatLocalDateTime } from "~/domain/local-time";
import { yearPeriod } from "~/domain/statistics";
import { getCaseForViewer } from "~/models/case/view.server";
import { listCases } from "~/models/case/lists.server";
import type { IntakeFields, PartyInput } from "~/domain/case-commands";
import type { CaseChange } from "~/forms/case-actions";
import { registerCase } from "~/models/case/service.server";
import { InputError } from "~/models/errors";
import { dispatcherDashboard } from "~/models/case/dashboards.server";
import { caseStatistics } from "~/models/statistics/figures.server";
import { actInTurn, at, intakeFields, makeActor, setUpWorld, townshipId } from "../support/fixtures";

let world: Awaited<ReturnType<typeof setUpWorld>>;
const noJobs = { scheduleJobs: false };

beforeAll(async () => {
  world = await setUpWorld();
});

async function due(caseNo: string, milestone: string, round = 1) {
  const { id } = await prisma.case.findUniqueOrThrow({ where: { caseNo } });
  const row = await prisma.caseMilestone.findUniqueOrThrow({
    where: { caseId_round_milestone: { caseId: id, round, milestone } },
  });
  return formatLocalDateTime(row.dueAt);
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).fieldErrors;
}

async function petition(receivedAt: string, fields: Partial<IntakeFields> = {}) {
  return registerCase(
    world.operator,
    await intakeFields({ kind: "petition", channel: "letter", receivedAt: at(receivedAt), ...fields }),
    {
      now: at(receivedAt),
      ...noJobs,
    },
  );
}

describe("petitions (信访)", () => {
  it("count their statutory clocks in calendar days, moving a last day that is a holiday to the next working day", async () => {
    // Received Sun 20 Sep 2020: the 15th day is 5 Oct, inside the National Day holiday (1–8 Oct) → Fri 9 Oct.
    const created = await petition("2020-09-20 10:00");
    expect(created.caseNo).toMatch(/^XF-2020-\d{5}$/);
    expect(await due(created.caseNo, "accept")).toBe("2020-10-09 23:59:59");
    // Accepted 3 Aug: the 60th day is 2 Oct, a holiday → 9 Oct.
    const summer = await petition("2020-07-30 10:00");
    await actInTurn(summer.caseNo, [[world.dispatcher, { action: "accept", letterDate: "2020-08-03" }, "2020-08-03 15:00"]]);
    expect(await due(summer.caseNo, "conclude")).toBe("2020-10-09 23:59:59");
    const accepted = await prisma.case.findUniqueOrThrow({ where: { caseNo: summer.caseNo } });
    expect(formatLocalDateTime(accepted.decisionLetterAt!)).toBe("2020-08-03 00:00:00");
  });

  it("allow one extension of at most 30 days, with the reason told to the petitioner recorded", async () => {
    const created = await petition("2020-08-03 09:00");
    const gunan = await townshipId("古南街道");
    await actInTurn(created.caseNo, [
      [world.dispatcher, { action: "accept" }, "2020-08-04 10:00"],
      [world.dispatcher, { action: "assign", assigneeId: gunan }, "2020-08-04 10:00"],
    ]);
    const request = (amount: number): [typeof world.dispatcher, CaseChange, string] => [
      world.gunan,
      { action: "requestExtension", amount, reason: "需要现场监测" },
      "2020-09-20 10:00",
    ];
    expect(await rejection(actInTurn(created.caseNo, [request(31)]))).toEqual({ amount: "extensionAmount" });
    await actInTurn(created.caseNo, [request(30)]);
    expect(
      await rejection(actInTurn(created.caseNo, [[world.dispatcher, { action: "approveExtension" }, "2020-09-21 10:00"]])),
    ).toEqual({
      partyNotice: "required",
    });
    await actInTurn(created.caseNo, [
      [world.dispatcher, { action: "approveExtension", partyNotice: "9月21日电话告知信访人延期理由" }, "2020-09-21 10:00"],
    ]);
    // 4 Aug + 60 = 3 Oct (holiday) → 9 Oct; extended by 30 calendar days from 9 Oct → 8 Nov, a Sunday → Mon 9 Nov.
    expect(await due(created.caseNo, "conclude")).toBe("2020-11-09 23:59:59");
    const extension = await prisma.extension.findFirstOrThrow({ where: { case: { caseNo: created.caseNo } } });
    expect(extension).toMatchObject({ status: "approved", partyNotice: "9月21日电话告知信访人延期理由" });
    expect(await rejection(actInTurn(created.caseNo, [request(5)]))).toEqual({ amount: "extensionUsed" });
  });

  it("accept a review request on the 30th day after the answer and refuse it on the 31st; the review has its own 30-day clock", async () => {
    const created = await petition("2020-09-01 09:00");
    const gunan = await townshipId("古南街道");
    await actInTurn(created.caseNo, [
      [world.dispatcher, { action: "accept" }, "2020-09-02 10:00"],
      [world.dispatcher, { action: "assign", assigneeId: gunan }, "2020-09-02 10:00"],
      [world.gunan, { action: "submit", text: "已调查核实" }, "2020-10-20 10:00"],
      // Answered Mon 2 Nov 2020: the 30th day is Wed 2 Dec.
      [world.dispatcher, { action: "conclude", text: "经调查，反映问题属实，已责令整改。" }, "2020-11-02 10:00"],
    ]);
    const view = await getCaseForViewer(world.dispatcher, created.caseNo, at("2020-11-03 09:00"));
    expect(formatLocalDateTime(view.reviewRequestDeadline!)).toBe("2020-12-02 23:59:59");
    const review = (requestedOn: string): [typeof world.dispatcher, CaseChange, string] => [
      world.dispatcher,
      { action: "requestReview", requestedOn, text: "对答复意见不服，请求复查" },
      "2020-12-03 10:00",
    ];
    expect(await rejection(actInTurn(created.caseNo, [review("2020-12-03")]))).toEqual({ requestedOn: "reviewTooLate" });
    await actInTurn(created.caseNo, [review("2020-12-02")]);
    const reviewed = await prisma.case.findUniqueOrThrow({ where: { caseNo: created.caseNo } });
    expect(reviewed).toMatchObject({ round: 2, state: "assigned", concludedAt: null });
    // 2 Dec + 30 = 1 Jan 2021, New Year's Day → Mon 4 Jan.
    expect(await due(created.caseNo, "conclude", 2)).toBe("2021-01-04 23:59:59");
    const after = await getCaseForViewer(world.dispatcher, created.caseNo, at("2020-12-03 11:00"));
    expect(after.allowedActions).not.toContain("reopen");
  });

  it("are counted in their own statistics", async () => {
    const figures = await caseStatistics("petition", yearPeriod(2020), at("2021-06-01 00:00"));
    // Four petitions received in 2020; one answered (then reopened for review, so no longer concluded).
    expect(figures.received).toBe(4);
    expect(figures.accepted).toBe(3);
    // Two of the four open petitions are overdue at the year's end: the sentence says so (it read 按期办结率— alone).
    expect(figures.sentence).toBe(
      "全年共受理信访事项4件，办结0件，其中按期办结0件，超期0件，按期办结率—；期末在办4件，其中已超期2件。",
    );
  });
});

describe("pollution-dispute mediation (调解)", () => {
  const parties: PartyInput[] = [
    { role: "applicant", type: "person", name: "周建国", phone: "13700001111", address: "古南街道滨河路2号" },
    { role: "respondent", type: "unit", name: "恒达石材厂", phone: "023-48600000", address: "古南街道工业园3号" },
  ];

  async function application(receivedAt: string, relatedCaseNo: string | null = null) {
    return registerCase(
      world.operator,
      await intakeFields({ kind: "mediation", channel: "visit", receivedAt: at(receivedAt), complainantName: "周建国" }),
      { now: at(receivedAt), mediation: { parties, claim: "赔偿农作物损失 8000 元", relatedCaseNo }, ...noJobs },
    );
  }

  it("runs from application through sessions and a consented extension to an agreement, linked to its complaint", async () => {
    const complaint = await registerCase(world.operator, await intakeFields({ receivedAt: at("2021-04-01 09:00") }), {
      now: at("2021-04-01 09:00"),
      ...noJobs,
    });
    const created = await application("2021-04-06 10:00", complaint.caseNo);
    expect(created.caseNo).toMatch(/^TJ-2021-\d{5}$/);
    const mediator = await makeActor("dispatcher");
    await actInTurn(created.caseNo, [
      [world.dispatcher, { action: "accept" }, "2021-04-07 10:00"],
      [
        world.dispatcher,
        {
          action: "mediationSession",
          session: {
            status: "scheduled",
            scheduledAt: at("2021-04-15 09:30"),
            place: "区生态环境局调解室",
            mediatorIds: [mediator.id],
          },
        },
        "2021-04-08 10:00",
      ],
    ]);
    // 7 Apr + 30 = 7 May.
    expect(await due(created.caseNo, "conclude")).toBe("2021-05-07 23:59:59");
    const board = await dispatcherDashboard(mediator, at("2021-04-09 10:00"));
    expect(board.sessions.map((s) => s.case.caseNo)).toEqual([created.caseNo]);

    const session = await prisma.mediationSession.findFirstOrThrow({ where: { case: { caseNo: created.caseNo } } });
    await actInTurn(created.caseNo, [
      [
        world.dispatcher,
        {
          action: "mediationSession",
          session: {
            sessionId: session.id,
            status: "held",
            scheduledAt: at("2021-04-15 09:30"),
            place: "区生态环境局调解室",
            mediatorIds: [mediator.id, world.dispatcher.id],
            attendees: "周建国；恒达石材厂 李厂长",
            notes: "双方对损失金额分歧较大，约定补充评估后再议。",
          },
        },
        "2021-04-15 11:00",
      ],
    ]);
    expect(
      await rejection(
        actInTurn(created.caseNo, [
          [world.dispatcher, { action: "requestExtension", amount: 16, reason: "补充评估" }, "2021-04-20 10:00"],
        ]),
      ),
    ).toEqual({
      amount: "extensionAmount",
    });
    await actInTurn(created.caseNo, [
      [world.dispatcher, { action: "requestExtension", amount: 15, reason: "补充评估" }, "2021-04-20 10:00"],
      [world.dispatcher, { action: "approveExtension", partyNotice: "4月20日双方当事人书面同意延期15日" }, "2021-04-20 11:00"],
    ]);
    // 7 May + 15 = 22 May, a Saturday → Mon 24 May.
    expect(await due(created.caseNo, "conclude")).toBe("2021-05-24 23:59:59");
    expect(
      await rejection(
        actInTurn(created.caseNo, [
          [
            world.dispatcher,
            { action: "concludeMediation", outcome: "agreement", text: "双方达成协议", obligations: [] },
            "2021-05-10 10:00",
          ],
        ]),
      ),
    ).toEqual({ obligations: "obligationsRequired" });
    await actInTurn(created.caseNo, [
      [
        world.dispatcher,
        {
          action: "concludeMediation",
          outcome: "agreement",
          text: "被申请人一次性赔偿申请人农作物损失 6000 元，申请人放弃其他请求。",
          obligations: [{ party: "恒达石材厂", obligation: "支付赔偿款 6000 元", dueDate: "2021-05-31" }],
        },
        "2021-05-10 10:00",
      ],
    ]);
    const view = await getCaseForViewer(world.dispatcher, created.caseNo, at("2021-05-11 10:00"));
    expect(view).toMatchObject({ state: "concluded", mediationOutcome: "agreement", overdue: false });
    expect(view.relatedCase?.caseNo).toBe(complaint.caseNo);
    expect(view.sessions.map((s) => [s.status, s.mediators.length])).toEqual([["held", 2]]);
    // The agreement took effect 10 May; the court-confirmation window closes 30 days later, 9 Jun.
    expect(formatLocalDateTime(view.courtConfirmationDeadline!)).toBe("2021-06-09 23:59:59");
    expect(view.allowedActions).toContain("followUpAgreement");
    const obligation = view.obligations[0];
    await actInTurn(created.caseNo, [
      [
        world.dispatcher,
        { action: "followUpAgreement", obligationId: obligation.id, performed: true, text: "5月28日已付清" },
        "2021-06-01 10:00",
      ],
    ]);
    expect(await prisma.agreementObligation.findUniqueOrThrow({ where: { id: obligation.id } })).toMatchObject({
      followUp: "5月28日已付清",
    });

    const complaintView = await getCaseForViewer(world.dispatcher, complaint.caseNo);
    expect(complaintView.relatedFrom.map((m) => m.caseNo)).toEqual([created.caseNo]);
    expect(complaintView.timeline.map((e) => e.action)).toContain("mediationLinked");
  });

  it("ends in failure or withdrawal without an agreement, and the figures count each outcome", async () => {
    const failed = await application("2021-06-01 09:00");
    const withdrawn = await application("2021-06-02 09:00");
    await actInTurn(failed.caseNo, [
      [world.dispatcher, { action: "accept" }, "2021-06-02 10:00"],
      [
        world.dispatcher,
        { action: "concludeMediation", outcome: "failure", text: "调解不成，已告知双方可向人民法院起诉。", obligations: [] },
        "2021-06-20 10:00",
      ],
    ]);
    await actInTurn(withdrawn.caseNo, [
      [world.dispatcher, { action: "accept" }, "2021-06-03 10:00"],
      [
        world.dispatcher,
        { action: "concludeMediation", outcome: "withdrawn", text: "申请人书面撤回申请。", obligations: [] },
        "2021-06-10 10:00",
      ],
    ]);
    const figures = await caseStatistics("mediation", yearPeriod(2021), at("2022-01-10 00:00"));
    expect(figures.mediation).toEqual({ applied: 3, accepted: 3, succeeded: 1, failed: 1, withdrawn: 1, successRate: 50 });
    expect(figures.sentence).toBe("全年共受理环境污染纠纷调解申请3件，调解成功1件，调解不成1件，撤回1件，调解成功率50.0%。");
  });

  it("refuses an application without both parties or with a link to something that is not a complaint", async () => {
    const fields = await intakeFields({ kind: "mediation", receivedAt: at("2021-07-01 09:00") });
    const now = { now: at("2021-07-01 09:00"), ...noJobs };
    expect(
      await rejection(registerCase(world.operator, fields, { ...now, mediation: { parties: [parties[0]], claim: "赔偿" } })),
    ).toEqual({
      respondentName: "required",
    });
    const other = await application("2021-07-01 08:00");
    expect(
      await rejection(
        registerCase(world.operator, fields, { ...now, mediation: { parties, claim: "赔偿", relatedCaseNo: other.caseNo } }),
      ),
    ).toEqual({ relatedCaseNo: "relatedNotComplaint" });
  });

  it("shows township staff the parties' contact details masked", async () => {
    const created = await application("2021-08-02 09:00");
    await actInTurn(created.caseNo, [
      [world.dispatcher, { action: "accept" }, "2021-08-02 10:00"],
      [world.dispatcher, { action: "assign", assigneeId: await townshipId("古南街道") }, "2021-08-02 10:00"],
    ]);
    const found = await listCases(world.dispatcher, { q: "周建国", sort: "received_desc", page: 1 });
    expect(found.cases.map((c) => c.caseNo)).toContain(created.caseNo);
    const notByTownship = await listCases(world.gunan, { q: "周建国", sort: "received_desc", page: 1 });
    expect(notByTownship.cases).toEqual([]); // the party's name is confidential to them, as a complainant's
    const view = await getCaseForViewer(world.gunan, created.caseNo, at("2021-08-03 10:00"));
    const applicant = view.parties.find((p) => p.role === "applicant")!;
    expect(applicant).toMatchObject({ name: "周**", phone: "137****1111", address: "***" });
    expect(view.complainantName).toBe("周**");
  });
});
