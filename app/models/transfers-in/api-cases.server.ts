import { config } from "~/config.server";
import { resolveRespondent } from "../enterprises/register.server";
import { prisma } from "~/db.server";
import { mayReadIdentities } from "~/domain/api-keys";
import { parseCaseNo } from "~/domain/case-kinds";
import type { PublicStage } from "~/domain/case-lookup";
import type { Prisma } from "~/generated/prisma/client";
import type { caseListQuerySchema, TransferInCase } from "~/forms/api";
import type { z } from "zod";
import { type ApiCaseRecord, CASE_FOR_API, fullCaseOf, publicCaseOf } from "./api-case-views.server";
import { type ApiClient, apiClientActor } from "./api-keys.server";
import { registerCase } from "../case/service.server";
import { InputError, isUniqueViolation } from "../errors";

/**
 * Cases as the JSON API gives and takes them (docs/integrations.md): a platform's transfers in, and
 * reads in the shape of app/forms/api.ts. A key reads only the cases it sent, unless its scope is
 * `cases`, the bureau's own tools, which read every case with the complainant's identity.
 */

const caseOfClient = (client: ApiClient, record: ApiCaseRecord) =>
  mayReadIdentities(client.scopes) ? fullCaseOf(record) : publicCaseOf(record);

/** What the client may read of its cases: all of them for `cases`, its own transfers otherwise. */
const scopeOf = (client: ApiClient): Prisma.CaseWhereInput =>
  mayReadIdentities(client.scopes) ? {} : { sourceKeyId: client.id };

export async function caseForClient(client: ApiClient, caseNo: string) {
  if (!parseCaseNo(caseNo)) return null;
  const record = await prisma.case.findFirst({ where: { caseNo, ...scopeOf(client) }, include: CASE_FOR_API });
  return record ? caseOfClient(client, record) : null;
}

/** A page of cases in the order they were registered; the cursor is the last case's id, opaque to clients. */
export async function casesForClient(client: ApiClient, query: z.output<typeof caseListQuerySchema>) {
  const after = query.cursor ? Number.parseInt(query.cursor, 36) : 0;
  const records = await prisma.case.findMany({
    where: {
      ...scopeOf(client),
      id: { gt: Number.isSafeInteger(after) ? after : 0 },
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.state ? { state: query.state } : {}),
      ...(query.receivedFrom || query.receivedTo
        ? {
            receivedAt: {
              ...(query.receivedFrom ? { gte: query.receivedFrom } : {}),
              ...(query.receivedTo ? { lt: query.receivedTo } : {}),
            },
          }
        : {}),
    },
    orderBy: { id: "asc" },
    take: query.limit + 1,
    include: CASE_FOR_API,
  });
  const page = records.slice(0, query.limit);
  const more = records.length > query.limit;
  return {
    cases: page.map((record) => caseOfClient(client, record)),
    nextCursor: more ? page[page.length - 1].id.toString(36) : null,
  };
}

/** Whether a stored transfer is the work order now sent: its number, receipt time, due time and text. */
function sameWorkOrder(existing: ApiCaseRecord, input: TransferInCase) {
  return (
    existing.workOrderNo === input.workOrderNo &&
    existing.receivedAt.getTime() === input.receivedAt.getTime() &&
    (existing.platformDueAt?.getTime() ?? null) === (input.dueAt?.getTime() ?? null) &&
    existing.description === input.description.trim()
  );
}

/** The case a work order already became: by the platform's number, or by the request's Idempotency-Key. */
function existingTransfer(client: ApiClient, workOrderNo: string, idempotencyKey: string | null) {
  return prisma.case.findFirst({
    where: {
      sourceKeyId: client.id,
      OR: [{ workOrderNo }, ...(idempotencyKey ? [{ idempotencyKey }] : [])],
    },
    include: CASE_FOR_API,
  });
}

/**
 * A work order transferred in: registered once, whatever the number of identical requests and however
 * they overlap (the unique indexes decide between simultaneous ones; the losers read the winner's case).
 */
export async function receiveTransferIn(
  client: ApiClient,
  input: TransferInCase,
  idempotencyKey: string | null,
  now = new Date(),
) {
  const existing = await existingTransfer(client, input.workOrderNo, idempotencyKey);
  if (existing) {
    // The key of one request sent again with another body: not the same request (the Idempotency-Key drafts' 422).
    if (idempotencyKey && existing.idempotencyKey === idempotencyKey && !sameWorkOrder(existing, input)) {
      throw new InputError({ idempotencyKey: "idempotencyKeyReused" });
    }
    return { created: false, case: publicCaseOf(existing) };
  }
  const maxAgeDays = config().TRANSFER_IN_MAX_AGE_DAYS;
  if (input.receivedAt.getTime() < now.getTime() - maxAgeDays * 86_400_000) {
    throw new InputError({ receivedAt: "receivedTooLongAgo" }, [String(maxAgeDays)]);
  }
  if (!client.channel) throw new InputError({ channel: "keyWithoutChannel" });
  const township = await prisma.township.findUnique({ where: { name: input.township } });
  if (!township) throw new InputError({ township: "unknownTownship" });
  // The respondent by its code where the platform gives one (a code the register lacks is kept as given), else by name.
  const respondent = input.respondentCode
    ? await prisma.regulatedUnit.findUnique({ where: { creditCode: input.respondentCode }, select: { id: true, name: true } })
    : await resolveRespondent(input.subject ?? "");
  try {
    const created = await registerCase(
      apiClientActor(client),
      {
        kind: input.kind,
        channel: client.channel,
        receivedAt: input.receivedAt,
        complainantName: input.complainantName ?? null,
        complainantPhone: input.complainantPhone ?? null,
        consentToDisclose: input.consentToDisclose,
        consentToPublish: input.consentToPublish,
        refusesMessages: input.refusesMessages,
        townshipId: township.id,
        category: input.category,
        subject: respondent?.name ?? (input.subject || input.respondentCode || ""),
        respondentId: respondent?.id ?? null,
        address: input.address ?? "",
        description: input.description,
        urgency: input.urgency,
      },
      {
        now,
        transfer: {
          sourceKeyId: client.id,
          workOrderNo: input.workOrderNo,
          platformDueAt: input.dueAt ?? null,
          idempotencyKey,
        },
      },
    );
    const record = await prisma.case.findUniqueOrThrow({ where: { id: created.id }, include: CASE_FOR_API });
    return { created: true, case: publicCaseOf(record) };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await existingTransfer(client, input.workOrderNo, idempotencyKey);
    if (!winner) throw error;
    return { created: false, case: publicCaseOf(winner) };
  }
}

/**
 * The sender's own progress on a case it sent for joint handling: kept on the case it became here if
 * this key sent it, unless a later report is already there. False when the key sent no such case.
 */
export async function recordSenderProgress(client: ApiClient, caseNo: string, progress: { stage: PublicStage; at: Date }) {
  if (!parseCaseNo(caseNo)) return false;
  const record = await prisma.case.findFirst({ where: { caseNo, sourceKeyId: client.id }, select: { id: true } });
  if (!record) return false;
  await prisma.case.updateMany({
    where: { id: record.id, OR: [{ sourceUpdatedAt: null }, { sourceUpdatedAt: { lte: progress.at } }] },
    data: { sourceStage: progress.stage, sourceUpdatedAt: progress.at },
  });
  return true;
}
