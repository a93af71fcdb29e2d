import { subDays } from "date-fns";
import { config } from "~/config.server";
import { prisma } from "~/db.server";
import { PUBLIC_ACTIONS, publicHistoryOf, publicStageOf } from "~/domain/case-lookup";
import { toOffsetIso } from "~/domain/local-time";
import {
  CONSENT_ATTRIBUTE,
  DEFAULT_REQUEST_WINDOW_DAYS,
  MAX_REQUESTS,
  nameFromParts,
  Open311List,
  open311StatusOf,
  statesWithOpen311Status,
  townshipOfReport,
  UPDATE_STATUS_OF,
} from "~/domain/open311";
import type { CaseState } from "~/domain/workflow";
import type { Open311RequestInput, open311RequestQuerySchema, open311UpdateQuerySchema } from "~/forms/open311";
import type { Prisma } from "~/generated/prisma/client";
import { t, tKey } from "~/i18n";
import type { z } from "zod";
import { type ApiClient, apiClientActor } from "./api-keys.server";
import { registerCase } from "../case/service.server";
import { InputError } from "../errors";
import { listCategories, listTownships } from "../reference/reference-data.server";

/**
 * Open311 GeoReport v2 over the case service (docs/integrations.md "Open311"). Only complaints are
 * public; what the public reads never names or reaches the complainant, and the description, the exact
 * address, the point and the texts written for the complainant only where the complainant agreed to
 * publication at intake.
 */

export async function open311Services() {
  const categories = await listCategories();
  return new Open311List(
    "service",
    categories.map((category) => ({
      service_code: category.code,
      service_name: category.name,
      description: t("open311.serviceDescription", { name: category.name }),
      metadata: true,
      type: "realtime",
      keywords: category.name,
      group: t("open311.group"),
    })),
  );
}

/** A service's definition: its one attribute, the complainant's consent to publication. Null if unknown. */
export async function open311ServiceDefinition(serviceCode: string) {
  const category = await prisma.category.findFirst({ where: { code: serviceCode, active: true } });
  if (!category) return null;
  return {
    service_code: category.code,
    attributes: new Open311List("attribute", [
      {
        variable: true,
        code: CONSENT_ATTRIBUTE,
        datatype: "singlevaluelist",
        required: false,
        datatype_description: t("open311.consentHint"),
        order: 1,
        description: t("open311.consent"),
        values: new Open311List("value", [
          { key: "no", name: t("open311.consentNo") },
          { key: "yes", name: t("open311.consentYes") },
        ]),
      },
    ]),
  };
}

/** A request posted by a client holding an `open311` key: a complaint on the key's channel. */
export async function receiveOpen311Request(client: ApiClient, input: Open311RequestInput, now = new Date()) {
  if (!client.channel) throw new InputError({ api_key: "keyWithoutChannel" });
  const category = await prisma.category.findFirst({ where: { code: input.service_code, active: true } });
  if (!category) throw new InputError({ service_code: "unknownService" });
  const point = input.lat && input.long ? { latitude: Number(input.lat), longitude: Number(input.long) } : null;
  const township = townshipOfReport(await listTownships(), { address: input.address_string ?? "", point });
  if (!township) throw new InputError({ [point ? "lat" : "address_string"]: "outsideDistrict" });
  const name = nameFromParts(input.last_name ?? "", input.first_name ?? "");
  const created = await registerCase(
    apiClientActor(client),
    {
      kind: "complaint",
      channel: client.channel,
      receivedAt: now,
      complainantName: name,
      complainantPhone: input.phone ?? null,
      consentToDisclose: false,
      consentToPublish: input[`attribute[${CONSENT_ATTRIBUTE}]`] === "yes",
      townshipId: township.id,
      category: category.code,
      subject: "",
      address: input.address_string ?? "",
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
      description: input.description,
      urgency: "normal",
    },
    { now },
  );
  return new Open311List("request", [
    { service_request_id: created.caseNo, service_notice: t("open311.notice", { township: township.name }), account_id: null },
  ]);
}

const CASE_FOR_OPEN311 = {
  township: { select: { name: true } },
  auditEvents: {
    where: { action: { in: PUBLIC_ACTIONS } },
    orderBy: { id: "asc" },
    select: { at: true, action: true, reason: true, after: true },
  },
} satisfies Prisma.CaseInclude;

type Open311Case = Prisma.CaseGetPayload<{ include: typeof CASE_FOR_OPEN311 }>;

/** What a public step says: its name, and its text (the reason, the answer) where the complainant agreed to publication. */
function publicNote(published: boolean, entry: { event: string; text: string | null }) {
  const label = tKey("open311.event", entry.event);
  return published && entry.text ? `${label}：${entry.text}` : label;
}

function serviceRequestOf(record: Open311Case, categoryNames: Map<string, string>) {
  const published = record.consentToPublish;
  const last = publicHistoryOf(record.auditEvents, record.kind).at(-1);
  const stage = publicStageOf(record.state as CaseState);
  return {
    service_request_id: record.caseNo,
    status: open311StatusOf(stage),
    status_notes: last ? publicNote(published, last) : tKey("query.stage", stage),
    service_name: categoryNames.get(record.category) ?? record.category,
    service_code: record.category,
    description: published ? record.description : null,
    agency_responsible: config().BUREAU_NAME,
    service_notice: null,
    requested_datetime: toOffsetIso(record.receivedAt),
    updated_datetime: toOffsetIso(last?.at ?? record.receivedAt),
    expected_datetime: record.dueAt ? toOffsetIso(record.dueAt) : null,
    // Without consent, where it happened only as precisely as its township.
    address: published && record.address ? record.address : record.township.name,
    address_id: null,
    zipcode: null,
    lat: published ? record.latitude : null,
    long: published ? record.longitude : null,
    media_url: null,
  };
}

async function categoryNames() {
  const categories = await prisma.category.findMany({ select: { code: true, name: true } });
  return new Map(categories.map((category) => [category.code, category.name]));
}

/**
 * `GET requests`: by number (then the other filters do not apply, as the spec says), or by service,
 * status and period (the last 90 days unless given), newest first, at most 1,000.
 */
export async function open311Requests(query: z.output<typeof open311RequestQuerySchema>, now = new Date()) {
  const where: Prisma.CaseWhereInput = query.service_request_id?.length
    ? { caseNo: { in: query.service_request_id.map((id) => id.toUpperCase()) } }
    : {
        receivedAt: {
          gte: query.start_date ?? subDays(query.end_date ?? now, DEFAULT_REQUEST_WINDOW_DAYS),
          lte: query.end_date ?? now,
        },
        ...(query.service_code?.length ? { category: { in: query.service_code } } : {}),
        ...(query.status?.length === 1 ? { state: { in: statesWithOpen311Status(query.status[0] as "open" | "closed") } } : {}),
      };
  const [records, names] = await Promise.all([
    prisma.case.findMany({
      where: { kind: "complaint", ...where },
      orderBy: { receivedAt: "desc" },
      take: MAX_REQUESTS,
      include: CASE_FOR_OPEN311,
    }),
    categoryNames(),
  ]);
  return new Open311List(
    "request",
    records.map((record) => serviceRequestOf(record, names)),
  );
}

/** `GET requests/{id}`: one complaint, as a list of one (the spec's shape); null when there is none. */
export async function open311RequestById(serviceRequestId: string) {
  const record = await prisma.case.findFirst({
    where: { caseNo: serviceRequestId, kind: "complaint" },
    include: CASE_FOR_OPEN311,
  });
  return record ? new Open311List("request", [serviceRequestOf(record, await categoryNames())]) : null;
}

/**
 * mySociety's `servicerequestupdates`: every public step of a complaint in the period (the last 90 days
 * unless given), oldest first, at most 1,000; a client polls with the end of its last period as the
 * start of the next.
 */
export async function open311Updates(query: z.output<typeof open311UpdateQuerySchema>, now = new Date()) {
  const end = query.end_date ?? now;
  const events = await prisma.auditEvent.findMany({
    where: {
      at: { gte: query.start_date ?? subDays(end, DEFAULT_REQUEST_WINDOW_DAYS), lte: end },
      action: { in: PUBLIC_ACTIONS },
      case: { kind: "complaint" },
    },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: MAX_REQUESTS,
    select: {
      id: true,
      at: true,
      action: true,
      reason: true,
      after: true,
      case: { select: { caseNo: true, consentToPublish: true } },
    },
  });
  return new Open311List(
    "request_update",
    events.flatMap(({ case: record, ...audit }) =>
      record
        ? publicHistoryOf([audit], "complaint").map((entry) => ({
            update_id: String(audit.id),
            service_request_id: record.caseNo,
            status: UPDATE_STATUS_OF[entry.event],
            updated_datetime: toOffsetIso(entry.at),
            description: publicNote(record.consentToPublish, entry),
            media_url: null,
          }))
        : [],
    ),
  );
}
