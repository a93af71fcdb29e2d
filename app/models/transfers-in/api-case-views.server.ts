import { dueStatusOf } from "~/domain/case-deadlines";
import { publicHistoryOf } from "~/domain/case-lookup";
import { CASE_FOR_PROGRESS, progressOf } from "../complainant/lookup.server";
import type { Satisfaction, Urgency } from "~/domain/case-kinds";
import { toOffsetIso } from "~/domain/local-time";
import type { CaseState } from "~/domain/workflow";
import type { fullCaseSchema, publicCaseSchema } from "~/forms/api";
import type { Prisma } from "~/generated/prisma/client";
import type { z } from "zod";

/** A case in the JSON API's two shapes (app/forms/api.ts): the public one, and the full one for `cases`. */

export const CASE_FOR_API = {
  township: { select: { name: true } },
  assignedTo: { select: { name: true } },
  ...CASE_FOR_PROGRESS,
  auditEvents: { orderBy: { id: "asc" }, select: { at: true, action: true, reason: true, after: true } },
} satisfies Prisma.CaseInclude;

export type ApiCaseRecord = Prisma.CaseGetPayload<{ include: typeof CASE_FOR_API }>;

const iso = (date: Date | null) => (date ? toOffsetIso(date) : null);

export function publicCaseOf(record: ApiCaseRecord): z.input<typeof publicCaseSchema> {
  const progress = progressOf(record);
  return {
    caseNo: record.caseNo,
    kind: progress.kind,
    stage: progress.stage,
    channel: record.channel,
    category: record.category,
    township: record.township.name,
    workOrderNo: record.workOrderNo,
    receivedAt: toOffsetIso(record.receivedAt),
    acceptedAt: iso(progress.acceptedAt),
    rejectedAt: iso(progress.rejectedAt),
    rejectionReason: progress.rejectionReason,
    dueAt: iso(progress.dueAt),
    answeredAt: iso(progress.answeredAt),
    answer: progress.answer,
    history: publicHistoryOf(record.auditEvents, record.kind).map((entry) => ({ ...entry, at: toOffsetIso(entry.at) })),
  };
}

export function fullCaseOf(record: ApiCaseRecord, now = new Date()): z.input<typeof fullCaseSchema> {
  const dueStatus = dueStatusOf(record, now);
  return {
    ...publicCaseOf(record),
    state: record.state as CaseState,
    complainantName: record.complainantName,
    complainantPhone: record.complainantPhone,
    subject: record.subject,
    address: record.address,
    description: record.description,
    urgency: record.urgency as Urgency,
    assignedTo: record.assignedTo?.name ?? null,
    overdue: dueStatus === "red",
    dueSoon: dueStatus === "yellow",
    satisfaction: record.satisfaction as Satisfaction | null,
  };
}
