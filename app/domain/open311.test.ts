import { describe, expect, it } from "vitest";
import { PUBLIC_EVENTS, PUBLIC_STAGES } from "./case-lookup";
import {
  MAX_SEAT_DISTANCE_KM,
  UPDATE_STATUS_OF,
  distanceKm,
  isGeoPoint,
  nameFromParts,
  open311StatusOf,
  parseOpen311Path,
  statesWithOpen311Status,
  townshipOfReport,
} from "./open311";
import { open311RequestQuerySchema, open311RequestSchema, open311UpdateQuerySchema } from "~/forms/open311";

describe("Open311 paths", () => {
  it.each([
    ["discovery.xml", { resource: "discovery" }, "xml"],
    ["v2/discovery.json", { resource: "discovery" }, "json"],
    ["v2/services.xml", { resource: "services" }, "xml"],
    ["v2/services/noise.json", { resource: "service", serviceCode: "noise" }, "json"],
    ["v2/requests.json", { resource: "requests" }, "json"],
    ["v2/requests/ts-2026-00001.xml", { resource: "request", serviceRequestId: "TS-2026-00001" }, "xml"],
    ["v2/servicerequestupdates.xml", { resource: "updates" }, "xml"],
  ])("%s", (path, target, format) => {
    expect(parseOpen311Path(path)).toEqual({ target, format });
  });

  it.each([
    "",
    "v2/services",
    "v2/services.html",
    "v2/requests.json.xml",
    "v1/services.xml",
    "services.xml",
    "v2/discovery/x.xml",
    "v2/servicerequestupdates/1.xml",
    "v2/requests/../../etc/passwd.xml",
    "v2/requests/" + "a".repeat(41) + ".xml",
    "v2/unknown.json",
  ])("refuses %j", (path) => {
    expect(parseOpen311Path(path)).toBeNull();
  });
});

describe("statuses", () => {
  it("a request is open while it is received or handled, closed otherwise", () => {
    expect(PUBLIC_STAGES.filter((stage) => open311StatusOf(stage) === "open")).toEqual(["received", "handling"]);
  });

  it("a status filter selects the states whose stage has that status", () => {
    expect(statesWithOpen311Status("open")).toEqual(["registered", "accepted", "assigned", "submitted"]);
    expect(statesWithOpen311Status("closed")).toEqual(["concluded", "closed", "rejected", "merged"]);
  });

  it("every public step has an update status from mySociety's list", () => {
    const known = [
      "open",
      "investigating",
      "in_progress",
      "action_scheduled",
      "fixed",
      "closed",
      "duplicate",
      "no_further_action",
      "not_councils_responsibility",
      "internal_referral",
    ];
    for (const event of PUBLIC_EVENTS) expect(known).toContain(UPDATE_STATUS_OF[event]);
    expect(UPDATE_STATUS_OF.answered).not.toBe("fixed");
  });
});

const seats = [
  { id: 1, name: "古南街道", seatLatitude: 29.0, seatLongitude: 106.65 },
  { id: 2, name: "三角镇", seatLatitude: 28.9, seatLongitude: 106.8 },
  { id: 3, name: "南街道", seatLatitude: null, seatLongitude: null },
  { id: 4, name: "横山镇", seatLatitude: null, seatLongitude: null },
];

describe("where a report lies", () => {
  it("measures great-circle distances", () => {
    // One degree of latitude is 111.2 km everywhere.
    expect(distanceKm({ latitude: 29, longitude: 106 }, { latitude: 30, longitude: 106 })).toBeCloseTo(111.2, 1);
    // One degree of longitude at 29°N is 111.2 × cos 29° ≈ 97.3 km.
    expect(distanceKm({ latitude: 29, longitude: 106 }, { latitude: 29, longitude: 107 })).toBeCloseTo(97.3, 0);
    expect(distanceKm({ latitude: 29, longitude: 106 }, { latitude: 29, longitude: 106 })).toBe(0);
  });

  it("takes the township the address names, the longest name when one contains another", () => {
    expect(townshipOfReport(seats, { address: "古南街道滨江路 12 号", point: null })?.id).toBe(1);
    expect(townshipOfReport(seats, { address: "横山镇", point: { latitude: 28.9, longitude: 106.8 } })?.id).toBe(4);
  });

  it("else the township with the nearest seat", () => {
    expect(townshipOfReport(seats, { address: "", point: { latitude: 28.99, longitude: 106.66 } })?.id).toBe(1);
    expect(townshipOfReport(seats, { address: "滨江路", point: { latitude: 28.91, longitude: 106.79 } })?.id).toBe(2);
  });

  it("and none beyond the limit, without seats, or without either", () => {
    const far = { latitude: 29.0 + (MAX_SEAT_DISTANCE_KM + 1) / 111.2, longitude: 106.65 };
    expect(townshipOfReport(seats, { address: "", point: far })).toBeNull();
    const near = { latitude: 29.0 + (MAX_SEAT_DISTANCE_KM - 1) / 111.2, longitude: 106.65 };
    expect(townshipOfReport(seats, { address: "", point: near })?.id).toBe(1);
    expect(townshipOfReport(seats.slice(2), { address: "", point: { latitude: 29, longitude: 106.65 } })).toBeNull();
    expect(townshipOfReport(seats, { address: "某处", point: null })).toBeNull();
  });

  it("knows a point from a non-point", () => {
    expect(isGeoPoint({ latitude: 29, longitude: 106 })).toBe(true);
    expect(isGeoPoint({ latitude: 91, longitude: 106 })).toBe(false);
    expect(isGeoPoint({ latitude: 29, longitude: -181 })).toBe(false);
    expect(isGeoPoint({ latitude: Number.NaN, longitude: 106 })).toBe(false);
  });
});

describe("names", () => {
  it("writes Chinese names family name first, others as written", () => {
    expect(nameFromParts("张", "伟")).toBe("张伟");
    expect(nameFromParts("Smith", "Jane")).toBe("Jane Smith");
    expect(nameFromParts("", "")).toBeNull();
    expect(nameFromParts("", " ")).toBeNull();
  });
});

describe("Open311 inputs", () => {
  const valid = { service_code: "noise", description: "夜间施工噪声", address_string: "古南街道" };

  it("takes a point or an address", () => {
    expect(open311RequestSchema.safeParse(valid).success).toBe(true);
    expect(open311RequestSchema.safeParse({ ...valid, address_string: undefined, lat: "29.01", long: "106.65" }).success).toBe(
      true,
    );
    expect(open311RequestSchema.safeParse({ ...valid, lat: "", long: "" }).success).toBe(true);
  });

  it("names every wrong field at once", () => {
    const result = open311RequestSchema.safeParse({
      service_code: "",
      lat: "95",
      long: "106",
      "attribute[consent_to_publish]": "maybe",
    });
    expect(result.success).toBe(false);
    const problems = result.error!.issues.map((issue) => `${issue.path.join(".")}:${issue.message}`).sort();
    expect(problems).toEqual([
      "attribute[consent_to_publish]:consentValue",
      "description:required",
      "lat:coordinate",
      "service_code:required",
    ]);
  });

  it("refuses half a point, a location missing, and numbers that are not coordinates", () => {
    const issues = (input: object) =>
      open311RequestSchema.safeParse({ ...valid, ...input }).error?.issues.map((issue) => issue.message);
    expect(issues({ lat: "29" })).toEqual(["coordinatePair"]);
    expect(issues({ address_string: "", lat: undefined })).toEqual(["locationRequired"]);
    expect(issues({ lat: "1e3", long: "106" })).toContain("coordinate");
    expect(issues({ lat: "29", long: "Infinity" })).toContain("coordinate");
  });

  it("reads the query filters", () => {
    const query = open311RequestQuerySchema.parse({
      service_request_id: "TS-2026-00001, ts-2026-00002",
      status: "open,closed",
      start_date: "2026-03-01",
    });
    expect(query.service_request_id).toEqual(["TS-2026-00001", "ts-2026-00002"]);
    expect(query.start_date?.toISOString()).toBe("2026-02-28T16:00:00.000Z");
    expect(open311RequestQuerySchema.safeParse({ status: "pending" }).success).toBe(false);
    expect(open311RequestQuerySchema.safeParse({ service_request_id: "1;DROP" }).success).toBe(false);
    expect(open311UpdateQuerySchema.safeParse({ end_date: "2026-13-01" }).success).toBe(false);
    expect(open311UpdateQuerySchema.safeParse({ start_date: "1970-01-01T00:00:00Z" }).success).toBe(false);
    expect(open311UpdateQuerySchema.parse({ end_date: "2026-03-01T08:00:00Z" }).end_date?.toISOString()).toBe(
      "2026-03-01T08:00:00.000Z",
    );
  });
});
