import type { IntakeFields } from "~/domain/case-commands";
import type { CaseChange } from "~/forms/case-actions";
import { changeCase, registerCase } from "~/models/case/service.server";
import { prisma } from "~/db.server";
import type { Actor, Role } from "~/domain/roles";
import { parseLocalDateTime } from "~/domain/local-time";
import { seedReferenceData } from "~/models/reference/seed.server";
import { createUser } from "~/models/accounts/users.server";

export const TEST_PASSWORD = "correct-horse-battery";

export function at(text: string): Date {
  const instant = parseLocalDateTime(text);
  if (!instant) throw new Error(`bad test time ${text}`);
  return instant;
}

export async function townshipId(name: string): Promise<number> {
  const township = await prisma.township.findUniqueOrThrow({ where: { name } });
  return township.id;
}

let counter = 0;

/** A user of the role (township staff of `township`), created in the test's own database. */
export async function makeActor(role: Role, township?: string): Promise<Actor> {
  counter += 1;
  const user = await createUser({
    username: `${role}-${counter}-${Math.random().toString(36).slice(2, 6)}`,
    role,
    townshipId: township ? await townshipId(township) : null,
    password: TEST_PASSWORD,
  });
  return { id: user.id, role, townshipId: user.townshipId };
}

/** Reference data plus one actor per role; 古南街道 staff and 文龙街道 staff for scope tests. */
export async function setUpWorld() {
  await seedReferenceData();
  const [operator, dispatcher, gunan, wenlong, leader] = await Promise.all([
    makeActor("operator"),
    makeActor("dispatcher"),
    makeActor("township", "古南街道"),
    makeActor("township", "文龙街道"),
    makeActor("leader"),
  ]);
  return { operator, dispatcher, gunan, wenlong, leader };
}

export async function intakeFields(overrides: Partial<IntakeFields> = {}): Promise<IntakeFields> {
  return {
    kind: "complaint",
    channel: "hotline12369",
    receivedAt: at("2026-03-02 09:00"),
    complainantName: "测试人",
    complainantPhone: "13800001111",
    consentToDisclose: false,
    townshipId: await townshipId("古南街道"),
    category: "noise",
    subject: "测试石材厂",
    address: "古南街道测试路1号",
    description: "夜间施工噪声扰民。",
    urgency: "normal",
    ...overrides,
  };
}

/**
 * `actor` takes `change` on the case at `when` (Shanghai time; now if absent), as a person would: at the
 * version the case is at, so a test never threads version numbers. Deadline jobs are queued only when
 * `scheduleJobs` says so, since most tests fire steps themselves.
 */
export async function act(
  actor: Actor,
  caseNo: string,
  change: CaseChange,
  when?: string | Date,
  options: { scheduleJobs?: boolean } = {},
) {
  const { version } = await prisma.case.findUniqueOrThrow({ where: { caseNo }, select: { version: true } });
  return changeCase(actor, caseNo, version, change, {
    now: typeof when === "string" ? at(when) : when,
    scheduleJobs: options.scheduleJobs ?? false,
  });
}

/** Several steps in order: who, what, when. */
export async function actInTurn(caseNo: string, steps: [Actor, CaseChange, string][]) {
  for (const [actor, change, when] of steps) await act(actor, caseNo, change, when);
}

/** A complaint received at `receivedAt`, accepted and assigned to 古南街道 at once, without queueing jobs. */
export async function assignedCase(
  world: { operator: Actor; dispatcher: Actor },
  receivedAt: string | Date,
  overrides: Partial<IntakeFields> = {},
) {
  const now = typeof receivedAt === "string" ? at(receivedAt) : receivedAt;
  const created = await registerCase(world.operator, await intakeFields({ receivedAt: now, ...overrides }), {
    now,
    scheduleJobs: false,
  });
  await act(world.dispatcher, created.caseNo, { action: "accept" }, receivedAt);
  const { version } = await act(
    world.dispatcher,
    created.caseNo,
    { action: "assign", assigneeId: await townshipId("古南街道") },
    receivedAt,
  );
  return { ...created, version };
}
