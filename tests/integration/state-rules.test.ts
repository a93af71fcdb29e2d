import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { COMPLAINANT, type CaseActor } from "~/domain/roles";
import { CASE_ACTIONS, type CaseAction, nextState } from "~/domain/workflow";
import type { CaseChange } from "~/forms/case-actions";
import { CASE_FOR_CHANGE } from "~/models/case/actions/context.server";
import type { NewAttachment } from "~/models/case/actions/attachments.server";
import { changeCase, registerCase, snapshotOf } from "~/models/case/service.server";
import { createPartner } from "~/models/transfers-out/partners.server";
import { act, assignedCase, at, intakeFields, setUpWorld, townshipId } from "../support/fixtures";

/**
 * The rule table (ACTION_RULES) is the only author of a case's state: every action, taken through the
 * case service on a case where it is allowed, leaves the case in exactly the state the table names.
 */

let world: Awaited<ReturnType<typeof setUpWorld>>;
const noJobs = { scheduleJobs: false };
const WHEN = "2026-03-02 09:00";
const LATER = "2026-03-03 10:00";

beforeAll(async () => {
  world = await setUpWorld();
});

const pdf = (n: number): NewAttachment => ({
  sha256: `${n}`.padStart(64, "a"),
  size: 1000,
  contentType: "application/pdf",
  fileName: "现场记录.pdf",
  kind: "other",
  caption: "",
  confidential: false,
});

const parties = [
  { role: "applicant" as const, type: "person" as const, name: "申请人甲", phone: "13700001111", address: "古南街道滨河路2号" },
  { role: "respondent" as const, type: "unit" as const, name: "测试石材厂", phone: "023-48600000", address: "古南街道工业园3号" },
];

interface Scenario {
  caseNo: string;
  actor: CaseActor;
  change: CaseChange;
  attachments?: NewAttachment[];
}

const registered = async (overrides = {}) =>
  (await registerCase(world.operator, await intakeFields({ receivedAt: at(WHEN), ...overrides }), { now: at(WHEN), ...noJobs }))
    .caseNo;
const accepted = async () => {
  const caseNo = await registered();
  await act(world.dispatcher, caseNo, { action: "accept" }, WHEN);
  return caseNo;
};
const assigned = async () => (await assignedCase(world, WHEN)).caseNo;
const submitted = async () => {
  const caseNo = await assigned();
  await act(world.gunan, caseNo, { action: "submit", text: "已处理" }, WHEN);
  return caseNo;
};
const concluded = async () => {
  const caseNo = await submitted();
  await act(world.dispatcher, caseNo, { action: "conclude", text: "已答复" }, WHEN);
  return caseNo;
};
const mediation = async () => {
  const created = await registerCase(
    world.operator,
    await intakeFields({ kind: "mediation", channel: "visit", receivedAt: at(WHEN) }),
    {
      now: at(WHEN),
      mediation: { parties, claim: "赔偿" },
      ...noJobs,
    },
  );
  await act(world.dispatcher, created.caseNo, { action: "accept" }, WHEN);
  return created.caseNo;
};
const withTransfer = async (mode: "transfer" | "joint") => {
  const caseNo = await assigned();
  const body = await createPartner({ name: `测试单位${Math.random().toString(36).slice(2, 8)}`, kind: "body", replyDays: 15 });
  await act(
    world.dispatcher,
    caseNo,
    { action: "transferOut", partnerId: body.id, mode, reason: "不属本局职责", legalBasis: "信访工作条例", replyDays: null },
    WHEN,
  );
  const transfer = await prisma.caseTransfer.findFirstOrThrow({ where: { case: { caseNo } } });
  return { caseNo, transferId: transfer.id };
};

const SCENARIOS: Record<CaseAction, () => Promise<Scenario>> = {
  edit: async () => ({
    caseNo: await registered(),
    actor: world.operator,
    change: { action: "edit", fields: { subject: "改过的标题" } },
  }),
  accept: async () => ({ caseNo: await registered(), actor: world.dispatcher, change: { action: "accept" } }),
  reject: async () => ({ caseNo: await registered(), actor: world.dispatcher, change: { action: "reject", reason: "不属职责" } }),
  merge: async () => {
    const target = await registered();
    return { caseNo: await registered(), actor: world.dispatcher, change: { action: "merge", targetCaseNo: target } };
  },
  assign: async () => ({
    caseNo: await accepted(),
    actor: world.dispatcher,
    change: { action: "assign", assigneeId: await townshipId("古南街道") },
  }),
  return: async () => ({
    caseNo: await assigned(),
    actor: world.gunan,
    change: { action: "return", ground: "notOurArea", reason: "不属本街道", suggestedUnitId: null },
  }),
  pauseClock: async () => ({
    caseNo: await assigned(),
    actor: world.dispatcher,
    change: { action: "pauseClock", ground: "appraisal", reason: "委托第三方检测", legalBasis: "检测时间不计入办理期限" },
  }),
  resumeClock: async () => {
    const caseNo = await assigned();
    const pause = { action: "pauseClock", ground: "appraisal", reason: "委托第三方检测", legalBasis: "检测时间不计入" } as const;
    await act(world.dispatcher, caseNo, pause, WHEN);
    return { caseNo, actor: world.dispatcher, change: { action: "resumeClock" } };
  },
  requestAssistance: async () => ({
    caseNo: await assigned(),
    actor: world.dispatcher,
    change: { action: "requestAssistance", unitIds: [await townshipId("文龙街道")], workingDays: 5, instruction: "协助核查" },
  }),
  submitPart: async () => {
    const caseNo = await assigned();
    const ask: CaseChange = {
      action: "requestAssistance",
      unitIds: [await townshipId("文龙街道")],
      workingDays: 5,
      instruction: "协助核查",
    };
    await act(world.dispatcher, caseNo, ask, WHEN);
    return { caseNo, actor: world.wenlong, change: { action: "submitPart", text: "已协助核查" } };
  },
  signFor: async () => ({ caseNo: await assigned(), actor: world.gunan, change: { action: "signFor" } }),
  note: async () => ({ caseNo: await assigned(), actor: world.gunan, change: { action: "note", text: "已到现场" } }),
  onSite: async () => {
    const caseNo = await registered({ urgency: "urgent" });
    await act(world.dispatcher, caseNo, { action: "accept" }, WHEN);
    await act(world.dispatcher, caseNo, { action: "assign", assigneeId: await townshipId("古南街道") }, WHEN);
    return { caseNo, actor: world.gunan, change: { action: "onSite", text: "已到场" } };
  },
  submit: async () => ({ caseNo: await assigned(), actor: world.gunan, change: { action: "submit", text: "已处理" } }),
  sendBack: async () => ({
    caseNo: await submitted(),
    actor: world.dispatcher,
    change: { action: "sendBack", reason: "证据不足" },
  }),
  requestExtension: async () => ({
    caseNo: await assigned(),
    actor: world.gunan,
    change: { action: "requestExtension", amount: 5, reason: "需要检测" },
  }),
  approveExtension: async () => {
    const caseNo = await assigned();
    await act(world.gunan, caseNo, { action: "requestExtension", amount: 5, reason: "需要检测" }, WHEN);
    return { caseNo, actor: world.dispatcher, change: { action: "approveExtension" } };
  },
  refuseExtension: async () => {
    const caseNo = await assigned();
    await act(world.gunan, caseNo, { action: "requestExtension", amount: 5, reason: "需要检测" }, WHEN);
    return { caseNo, actor: world.dispatcher, change: { action: "refuseExtension", reason: "理由不足" } };
  },
  conclude: async () => ({ caseNo: await submitted(), actor: world.dispatcher, change: { action: "conclude", text: "已答复" } }),
  close: async () => ({ caseNo: await concluded(), actor: world.dispatcher, change: { action: "close", satisfaction: "满意" } }),
  reopen: async () => ({ caseNo: await concluded(), actor: world.dispatcher, change: { action: "reopen", reason: "问题反弹" } }),
  requestReview: async () => {
    const caseNo = await registered({ kind: "petition", channel: "letter" });
    await act(world.dispatcher, caseNo, { action: "accept", letterDate: "2026-03-02" }, WHEN);
    await act(world.dispatcher, caseNo, { action: "assign", assigneeId: await townshipId("古南街道") }, WHEN);
    await act(world.gunan, caseNo, { action: "submit", text: "已处理" }, WHEN);
    await act(world.dispatcher, caseNo, { action: "conclude", text: "已答复" }, WHEN);
    return { caseNo, actor: world.dispatcher, change: { action: "requestReview", requestedOn: "2026-03-03", text: "申请复查" } };
  },
  mediationSession: async () => ({
    caseNo: await mediation(),
    actor: world.dispatcher,
    change: {
      action: "mediationSession",
      session: {
        status: "scheduled",
        scheduledAt: at("2026-03-05 09:00"),
        place: "局调解室",
        mediatorIds: [world.dispatcher.id!],
      },
    },
  }),
  concludeMediation: async () => ({
    caseNo: await mediation(),
    actor: world.dispatcher,
    change: { action: "concludeMediation", outcome: "failure", text: "调解不成，已告知诉讼途径", obligations: [] },
  }),
  followUpAgreement: async () => {
    const caseNo = await mediation();
    await act(
      world.dispatcher,
      caseNo,
      {
        action: "concludeMediation",
        outcome: "agreement",
        text: "双方达成协议",
        obligations: [{ party: "测试石材厂", obligation: "赔偿", dueDate: "2026-03-20" }],
      },
      WHEN,
    );
    const obligation = await prisma.agreementObligation.findFirstOrThrow({ where: { case: { caseNo } } });
    return {
      caseNo,
      actor: world.dispatcher,
      change: { action: "followUpAgreement", obligationId: obligation.id, performed: true, text: "已履行" },
    };
  },
  instruct: async () => ({ caseNo: await assigned(), actor: world.leader, change: { action: "instruct", text: "请加快办理" } }),
  acknowledge: async () => {
    const caseNo = await assigned();
    await act(world.leader, caseNo, { action: "instruct", text: "请加快办理" }, WHEN);
    return { caseNo, actor: world.gunan, change: { action: "acknowledge" } };
  },
  withdrawAttachment: async () => {
    const caseNo = await assigned();
    const { version } = await prisma.case.findUniqueOrThrow({ where: { caseNo } });
    await changeCase(
      world.gunan,
      caseNo,
      version,
      { action: "note", text: "现场照片" },
      { now: at(WHEN), ...noJobs, attachments: [pdf(1)] },
    );
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { case: { caseNo } } });
    return {
      caseNo,
      actor: world.dispatcher,
      change: { action: "withdrawAttachment", attachmentId: attachment.id, reason: "传错" },
    };
  },
  rateAnswer: async () => ({
    caseNo: await concluded(),
    actor: COMPLAINANT,
    change: { action: "rateAnswer", satisfaction: "满意", comment: null },
  }),
  transferOut: async () => {
    const body = await createPartner({ name: `测试单位${Math.random().toString(36).slice(2, 8)}`, kind: "body", replyDays: 15 });
    return {
      caseNo: await accepted(),
      actor: world.dispatcher,
      change: {
        action: "transferOut",
        partnerId: body.id,
        mode: "transfer",
        reason: "不属本局职责",
        legalBasis: "信访工作条例",
        replyDays: null,
      },
    };
  },
  transferReply: async () => {
    const { caseNo, transferId } = await withTransfer("transfer");
    return { caseNo, actor: world.dispatcher, change: { action: "transferReply", transferId, text: "已处理完毕" } };
  },
  decideReturn: async () => {
    const caseNo = await assigned();
    await act(world.gunan, caseNo, { action: "return", ground: "notOurArea", reason: "不属本街道", suggestedUnitId: null }, WHEN);
    return {
      caseNo,
      actor: world.dispatcher,
      change: { action: "decideReturn", decision: "uphold", assigneeId: null, assistingIds: [], reason: "属本街道辖区" },
    };
  },
  setRespondent: async () => ({
    caseNo: await concluded(),
    actor: world.dispatcher,
    change: { action: "setRespondent", subject: "更正后的被投诉单位", reason: "核实后更正" },
  }),
};

/** Cases where an action's resulting state depends on the case: each side of the rule. */
const VARIANTS: [string, () => Promise<Scenario>][] = [
  [
    "reopen of a case with no handler goes to the desk",
    async () => {
      const caseNo = await concluded();
      await prisma.case.update({ where: { caseNo }, data: { assignedToId: null } });
      return { caseNo, actor: world.dispatcher, change: { action: "reopen", reason: "问题反弹" } };
    },
  ],
  [
    "a joint handling's reply leaves the state",
    async () => {
      const { caseNo, transferId } = await withTransfer("joint");
      return { caseNo, actor: world.dispatcher, change: { action: "transferReply", transferId, text: "对方进展" } };
    },
  ],
];

async function takeAndCompare(scenario: Scenario) {
  const before = await prisma.case.findUniqueOrThrow({ where: { caseNo: scenario.caseNo }, include: CASE_FOR_CHANGE });
  const expected = nextState(snapshotOf(before), scenario.change);
  await changeCase(scenario.actor, scenario.caseNo, before.version, scenario.change, {
    now: at(LATER),
    ...noJobs,
    attachments: scenario.attachments,
  });
  const after = await prisma.case.findUniqueOrThrow({ where: { caseNo: scenario.caseNo } });
  return { before: before.state, expected, stored: after.state };
}

describe("the rule table decides every resulting state", () => {
  it("has a scenario for every action", () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  for (const action of CASE_ACTIONS) {
    it(`${action}: the stored state is the rule's`, async () => {
      const result = await takeAndCompare(await SCENARIOS[action]());
      expect(result.stored).toBe(result.expected);
    });
  }

  for (const [name, scenario] of VARIANTS) {
    it(name, async () => {
      const result = await takeAndCompare(await scenario());
      expect(result.stored).toBe(result.expected);
    });
  }

  it("reopening without a handler and a 移送's reply: the states the handlers used to choose themselves", async () => {
    const reopened = await takeAndCompare(await VARIANTS[0][1]());
    expect(reopened).toEqual({ before: "concluded", expected: "accepted", stored: "accepted" });
    const reply = await takeAndCompare(await SCENARIOS.transferReply());
    expect(reply).toEqual({ before: "assigned", expected: "submitted", stored: "submitted" });
  });
});
