import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { formatLocalDateTime, localDateOf, addLocalDays } from "~/domain/local-time";
import type { Actor } from "~/domain/roles";
import type { CaseChange } from "~/forms/case-actions";
import { changeCalendar } from "~/models/deadlines/calendar.server";
import { disagreeingDeadlines } from "~/models/deadlines/derived-fields.server";
import { registerCase } from "~/models/case/service.server";
import { sweepDueSteps } from "~/models/deadlines/sweep.server";
import { ActionNotAllowedError, InputError, CaseNotFoundError, StaleVersionError } from "~/models/errors";
import { importLedger } from "~/models/ledger/import.server";
import { act, at, intakeFields, setUpWorld, townshipId } from "../support/fixtures";

/**
 * Property: whatever happens to cases (intake, the desk's and townships' steps, extensions, ledger
 * imports, holiday calendar changes, fired ladder steps), every case's stored derived deadline fields
 * equal a fresh derivation from its milestones (app/domain/case-deadlines.ts), as `greenline verify` checks.
 */

let world: Awaited<ReturnType<typeof setUpWorld>>;
let gunanId: number;

beforeAll(async () => {
  world = await setUpWorld();
  gunanId = await townshipId("古南街道");
});

type Op =
  | { op: "intake"; kind: "complaint" | "petition"; urgent: boolean; hoursBack: number }
  | { op: "step"; caseIndex: number; step: number }
  | { op: "advance"; hours: number }
  | { op: "sweep" }
  | { op: "calendar"; dayOffset: number; holiday: boolean }
  | { op: "import"; hoursBack: number; concluded: boolean };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("intake" as const),
    kind: fc.constantFrom("complaint" as const, "petition" as const),
    urgent: fc.boolean(),
    hoursBack: fc.integer({ min: 0, max: 400 }),
  }),
  { weight: 4, arbitrary: fc.record({ op: fc.constant("step" as const), caseIndex: fc.nat(), step: fc.nat() }) },
  fc.record({ op: fc.constant("advance" as const), hours: fc.integer({ min: 1, max: 24 * 12 }) }),
  fc.record({ op: fc.constant("sweep" as const) }),
  fc.record({ op: fc.constant("calendar" as const), dayOffset: fc.integer({ min: -10, max: 30 }), holiday: fc.boolean() }),
  fc.record({ op: fc.constant("import" as const), hoursBack: fc.integer({ min: 1, max: 600 }), concluded: fc.boolean() }),
);

/** The steps a case may be offered; those the rules refuse at the time are simply refused. */
function steps(): [Actor, CaseChange][] {
  return [
    [world.dispatcher, { action: "accept" }],
    [world.dispatcher, { action: "assign", assigneeId: gunanId }],
    [world.gunan, { action: "submit", text: "已处理" }],
    [world.dispatcher, { action: "conclude", text: "已答复" }],
    [world.dispatcher, { action: "sendBack", reason: "证据不足" }],
    [world.gunan, { action: "requestExtension", amount: 3, reason: "需要检测" }],
    [world.dispatcher, { action: "approveExtension" }],
    [world.dispatcher, { action: "refuseExtension", reason: "理由不足" }],
    [world.dispatcher, { action: "reopen", reason: "问题反弹" }],
    [world.dispatcher, { action: "close", satisfaction: "满意" }],
    [world.gunan, { action: "return", ground: "notOurArea", reason: "不属本街道", suggestedUnitId: null }],
    [world.dispatcher, { action: "reject", reason: "不属职责" }],
    [world.gunan, { action: "onSite", text: "已到场" }],
    [world.dispatcher, { action: "edit", fields: { urgency: "urgent" } }],
  ];
}

const refused = (error: unknown) =>
  error instanceof ActionNotAllowedError ||
  error instanceof InputError ||
  error instanceof StaleVersionError ||
  // A township acting on a case not (or no longer) assigned to it.
  error instanceof CaseNotFoundError;

let imported = 0;
const ledgerRow = (receivedAt: Date, concludedAt: Date | null) => {
  imported += 1;
  const received = formatLocalDateTime(receivedAt).slice(0, 16);
  const concluded = concludedAt ? formatLocalDateTime(concludedAt).slice(0, 16) : "";
  return `,投诉举报,12369热线,${received},,,,古南街道,噪声,某厂,,导入第${imported}件,,,${concluded},${concluded ? "已处理" : ""},,是`;
};
const HEADER =
  "编号,类型,来源渠道,受理时间,受理决定时间,投诉人,联系电话,所属街镇,问题类型,被投诉对象,地址,投诉内容,办理时限,延期天数,办结时间,办理结果,回访满意度,是否受理";

async function run(ops: Op[], start: Date) {
  let clock = start;
  const caseNos: string[] = [];
  for (const op of ops) {
    switch (op.op) {
      case "intake": {
        const receivedAt = new Date(clock.getTime() - op.hoursBack * 3_600_000);
        const fields = await intakeFields({
          kind: op.kind,
          channel: op.kind === "petition" ? "letter" : "hotline12369",
          urgency: op.urgent && op.kind === "complaint" ? "urgent" : "normal",
          receivedAt,
        });
        caseNos.push((await registerCase(world.operator, fields, { now: clock, scheduleJobs: false })).caseNo);
        break;
      }
      case "step": {
        if (caseNos.length === 0) break;
        const [actor, change] = steps()[op.step % steps().length];
        try {
          await act(actor, caseNos[op.caseIndex % caseNos.length], change, clock);
        } catch (error) {
          if (!refused(error)) throw error;
        }
        break;
      }
      case "advance":
        clock = new Date(clock.getTime() + op.hours * 3_600_000);
        break;
      case "sweep":
        await sweepDueSteps(clock);
        break;
      case "calendar": {
        const date = addLocalDays(localDateOf(clock), op.dayOffset);
        const type = op.holiday ? "holiday" : "workday";
        await changeCalendar(world.dispatcher.id!, { upsert: [{ date, type, scheduleYear: Number(date.slice(0, 4)) }] }, clock);
        break;
      }
      case "import": {
        const receivedAt = new Date(clock.getTime() - op.hoursBack * 3_600_000);
        const concludedAt = op.concluded ? new Date(receivedAt.getTime() + (op.hoursBack / 2) * 3_600_000) : null;
        const content = Buffer.from(`\uFEFF${HEADER}\r\n${ledgerRow(receivedAt, concludedAt)}\r\n`, "utf8");
        const summary = await importLedger(
          { content, fileName: "台账.csv" },
          { apply: true, actorId: world.dispatcher.id!, now: clock },
        );
        expect(summary.problems).toEqual([]);
        const record = await prisma.case.findFirstOrThrow({ where: { description: `导入第${imported}件` } });
        caseNos.push(record.caseNo);
        break;
      }
    }
  }
}

describe("derived deadline fields", () => {
  it("equal a fresh derivation from the milestones after any history", async () => {
    let runIndex = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 4, maxLength: 18 }), async (ops) => {
        runIndex += 1;
        // Each history in its own stretch of time, so that calendar changes of one meet the cases of others too.
        await run(ops, at(`2026-0${1 + (runIndex % 9)}-0${1 + (runIndex % 8)} 09:00`));
        const { found } = await disagreeingDeadlines();
        expect(found).toEqual([]);
      }),
      { numRuns: 25, seed: 20261202, endOnFailure: true },
    );
    const { checked } = await disagreeingDeadlines();
    expect(checked).toBeGreaterThan(25);
  });
});
