import type { Satisfaction } from "~/domain/case-kinds";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { complaintSentence, rangePeriod, yearPeriod } from "~/domain/statistics";
import type { IntakeFields } from "~/domain/case-commands";
import { registerCase } from "~/models/case/service.server";
import { caseStatistics } from "~/models/statistics/figures.server";
import { act, at, intakeFields, makeActor, setUpWorld, townshipId } from "../support/fixtures";
import type { CaseChange } from "~/forms/case-actions";

let world: Awaited<ReturnType<typeof setUpWorld>>;
const noJobs = { scheduleJobs: false };

beforeAll(async () => {
  world = await setUpWorld();
});

/** A complaint taken through its life at the given times; `concludeAt` null leaves it open. */
async function complaint(
  receivedAt: string,
  steps: {
    concludeAt?: string | null;
    extendBy?: number;
    reject?: string;
    satisfaction?: Satisfaction;
    fields?: Partial<IntakeFields>;
  },
) {
  const created = await registerCase(world.operator, await intakeFields({ receivedAt: at(receivedAt), ...steps.fields }), {
    now: at(receivedAt),
    ...noJobs,
  });
  const step = (actor: typeof world.dispatcher, change: CaseChange, when: string) => act(actor, created.caseNo, change, when);
  if (steps.reject) {
    await step(world.dispatcher, { action: "reject", reason: "不属于职责范围" }, steps.reject);
    return created;
  }
  await step(world.dispatcher, { action: "accept" }, receivedAt);
  await step(world.dispatcher, { action: "assign", assigneeId: await townshipId("古南街道") }, receivedAt);
  if (steps.extendBy) {
    await step(world.gunan, { action: "requestExtension", amount: steps.extendBy, reason: "需要监测" }, receivedAt);
    await step(world.dispatcher, { action: "approveExtension" }, receivedAt);
  }
  if (steps.concludeAt) {
    await step(world.gunan, { action: "submit", text: "已处理" }, receivedAt);
    await step(world.dispatcher, { action: "conclude", text: "已答复" }, steps.concludeAt);
    if (steps.satisfaction) await step(world.dispatcher, { action: "close", satisfaction: steps.satisfaction }, steps.concludeAt);
  }
  return created;
}

describe("headline figures on a hand-built year", () => {
  it("counts each case as docs/domain.md defines, with the year's boundaries in Shanghai time", async () => {
    await makeActor("township", "古南街道");
    // Received Mon 2 Mar 2020: 15 working days → due Mon 23 Mar 2020 23:59:59.
    const wenlong = { townshipId: await townshipId("文龙街道"), channel: "online", category: "air" };
    // on time, on the last second
    await complaint("2020-03-02 09:00", { concludeAt: "2020-03-23 23:59:59", satisfaction: "满意" });
    // one second later: overdue
    await complaint("2020-03-02 09:00", { concludeAt: "2020-03-24 00:00:00", satisfaction: "不满意", fields: wenlong });
    // late without, on time with the extension
    await complaint("2020-03-02 09:00", { concludeAt: "2020-03-30 10:00", extendBy: 10, satisfaction: "基本满意" });
    await complaint("2020-12-28 09:00", { concludeAt: "2021-01-05 10:00" }); // received in 2020, concluded in 2021
    await complaint("2019-12-30 09:00", { concludeAt: "2020-01-03 10:00" }); // received in 2019, concluded in 2020
    await complaint("2020-11-02 09:00", { concludeAt: null }); // open at the year's end, overdue by then (due 20 Nov)
    await complaint("2020-12-30 09:00", { concludeAt: null }); // open at the year's end, not yet due
    await complaint("2020-05-06 09:00", { reject: "2020-05-06 15:00" }); // rejected
    const original = await complaint("2020-06-01 09:00", { concludeAt: null });
    await registerCase(world.operator, await intakeFields({ receivedAt: at("2020-06-02 09:00") }), {
      now: at("2020-06-02 09:00"),
      mergeIntoCaseNo: original.caseNo, // a repeat, merged into the open case
      ...noJobs,
    });
    await act(world.gunan, original.caseNo, { action: "submit", text: "已处理" }, "2020-06-04 10:00");
    await act(world.dispatcher, original.caseNo, { action: "conclude", text: "已答复" }, "2020-06-05 10:00");

    const y2020 = await caseStatistics("complaint", yearPeriod(2020));
    expect(y2020).toMatchObject({
      received: 9, // all but the one received in 2019, the repeat included
      rejected: 1,
      merged: 1,
      concluded: 5, // three in March, the 2019 one in January, June's original
      onTime: 4,
      overdue: 1,
      openAtEnd: 3, // the December 2020 case concluded in 2021, and the two still open
      overdueAtEnd: 1,
      onTimeRate: 80,
      handledWithoutOverdue: false,
    });
    expect(y2020.accepted).toBe(7);
    expect(y2020.sentence).toBe(complaintSentence(y2020));
    const wenlongRow = y2020.byTownship.find((row) => row.name === "文龙街道");
    const gunanRow = y2020.byTownship.find((row) => row.name === "古南街道");
    expect(wenlongRow).toMatchObject({
      received: 1,
      concluded: 1,
      onTime: 0,
      overdue: 1,
      onTimeRate: 0,
      openAtEnd: 0,
      overdueAtEnd: 0,
    });
    // 100 % of its conclusions on time, and one case open and overdue at the end: both are shown.
    expect(gunanRow).toMatchObject({
      received: 8,
      concluded: 4,
      onTime: 4,
      overdue: 0,
      onTimeRate: 100,
      openAtEnd: 3,
      overdueAtEnd: 1,
    });
    expect(y2020.byTownship).toHaveLength(21); // every township, with or without cases
    expect(y2020.byChannel.find((row) => row.name === "网络")).toMatchObject({ received: 1, concluded: 1 });
    expect(y2020.byChannel.find((row) => row.name === "12369热线")).toMatchObject({ received: 8, concluded: 4 });
    expect(y2020.byCategory.find((row) => row.name === "大气")).toMatchObject({ received: 1, overdue: 1 });
    expect(y2020.byCategory.find((row) => row.name === "噪声")).toMatchObject({ received: 8, onTime: 4 });
    const month = (label: string) => y2020.byMonth.find((row) => row.key === label);
    expect(y2020.byMonth.map((row) => row.key)).toHaveLength(12);
    expect(month("2020-01")).toMatchObject({ received: 0, concluded: 1 }); // the 2019 case, by month concluded
    expect(month("2020-03")).toMatchObject({ received: 3, concluded: 3, onTime: 2, overdue: 1 });
    expect(month("2020-06")).toMatchObject({ received: 2, concluded: 1 }); // the original and its repeat
    expect(month("2020-12")).toMatchObject({ received: 2, concluded: 0, openAtEnd: null, overdueAtEnd: null });
    // Handling days of the five conclusions: 21.6 (on the last second), 21.6 (one second later), 28.0,
    // 4.0 (30 Dec 09:00 → 3 Jan 10:00) and 4.0 (1 Jun 09:00 → 5 Jun 10:00); sorted, the middle one is 21.6.
    expect(y2020.medianHandlingDays).toBe(21.6);
    expect(y2020.meanHandlingDays).toBe(15.9); // (21.62 + 21.62 + 28.04 + 4.04 + 4.04) / 5 = 15.87
    expect(y2020).toMatchObject({ followedUp: 3, satisfied: 2, satisfactionRate: 66.7, mediation: null });
    expect(complaintSentence(y2020)).toBe(
      "全年共受理各类环保投诉9件，办结5件，其中按期办结4件，超期1件，按期办结率80.0%；期末在办3件，其中已超期1件。",
    );

    const y2021 = await caseStatistics("complaint", yearPeriod(2021));
    expect(y2021).toMatchObject({ received: 0, concluded: 1, onTime: 1, overdue: 0 });
    const y2019 = await caseStatistics("complaint", yearPeriod(2019));
    expect(y2019).toMatchObject({ received: 1, concluded: 0, openAtEnd: 1, overdueAtEnd: 0, onTimeRate: null });
    expect(await prisma.case.count()).toBe(10);

    // A range within one month (a day, a week): one month label, the same counts (it failed with an SQL error).
    const march = await caseStatistics("complaint", rangePeriod("2020-03-01", "2020-03-31"));
    expect(march).toMatchObject({ received: 3, concluded: 3, onTime: 2, overdue: 1 });
    expect(march.byMonth.map((row) => row.name)).toEqual(["2020-03"]);
    const lastDay = await caseStatistics("complaint", rangePeriod("2020-03-23", "2020-03-23"));
    expect(lastDay).toMatchObject({ received: 0, concluded: 1, onTime: 1 });
  });
});
