import { type PublicEvent, type PublicStage, publicStageOf } from "./case-lookup";
import { CASE_STATES } from "./workflow";

/**
 * Open311 GeoReport v2 (docs/integrations.md "Open311"): the paths it answers, how a case's public
 * course reads as the spec's statuses, and how a reported point or address finds its township
 * (docs/decisions/0017). Pure rules; the HTTP side is app/models/open311.server.ts.
 */

export const OPEN311_FORMATS = ["xml", "json"] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export type Open311Resource =
  | { resource: "discovery" }
  | { resource: "services" }
  | { resource: "service"; serviceCode: string }
  | { resource: "requests" }
  | { resource: "request"; serviceRequestId: string }
  | { resource: "updates" };

/**
 * What a path below `/open311/` asks for, and in which format: `v2/services.xml`,
 * `v2/requests/TS-2026-00001.json`, `discovery.json` … Null for anything else (a 404).
 */
export function parseOpen311Path(path: string): { target: Open311Resource; format: Open311Format } | null {
  const match = /^(?:(v2)\/)?([A-Za-z0-9_]+)(?:\/([A-Za-z0-9_-]{1,40}))?\.(xml|json)$/.exec(path);
  if (!match) return null;
  const [, version, name, id, format] = match;
  const target = ((): Open311Resource | null => {
    if (!version) return name === "discovery" && !id ? { resource: "discovery" } : null;
    if (name === "discovery" && !id) return { resource: "discovery" };
    if (name === "services") return id ? { resource: "service", serviceCode: id } : { resource: "services" };
    if (name === "requests") return id ? { resource: "request", serviceRequestId: id.toUpperCase() } : { resource: "requests" };
    if (name === "servicerequestupdates" && !id) return { resource: "updates" };
    return null;
  })();
  return target ? { target, format: format as Open311Format } : null;
}

/**
 * A list that XML writes as repeated elements named `element` inside its parent (`<services><service>…`),
 * and JSON as an array: the one difference between the spec's two formats.
 */
export class Open311List {
  constructor(
    readonly element: string,
    readonly items: unknown[],
  ) {}
}

/** The service attribute by which the complainant agrees to publication (default: not agreed). */
export const CONSENT_ATTRIBUTE = "consent_to_publish";

/** The spec's two statuses: a request is open until it is answered, refused or merged. */
export function open311StatusOf(stage: PublicStage): "open" | "closed" {
  return stage === "received" || stage === "handling" ? "open" : "closed";
}

/** The case states a `status` filter of `GET requests` selects. */
export const statesWithOpen311Status = (status: "open" | "closed") =>
  CASE_STATES.filter((state) => open311StatusOf(publicStageOf(state)) === status);

/**
 * Each public step as a status of mySociety's update extension (the statuses FixMyStreet reads):
 * an answer closes the request without claiming the problem was fixed, since the investigation may
 * have found nothing to fix.
 */
export const UPDATE_STATUS_OF: Record<PublicEvent, string> = {
  received: "open",
  accepted: "investigating",
  extended: "in_progress",
  rejected: "no_further_action",
  merged: "duplicate",
  answered: "closed",
  closed: "closed",
  reopened: "open",
};

/** `GET requests` without dates covers the last 90 days, and no answer lists more than 1,000 (the spec's defaults). */
export const DEFAULT_REQUEST_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export const isGeoPoint = (point: GeoPoint) =>
  Number.isFinite(point.latitude) &&
  Number.isFinite(point.longitude) &&
  Math.abs(point.latitude) <= 90 &&
  Math.abs(point.longitude) <= 180;

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance (haversine); at a district's scale it is exact to metres. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLong = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A point farther than this from every township's seat lies outside the district (Qijiang spans about
 * 60 km; with 21 seats no place in it is this far from the nearest one).
 */
export const MAX_SEAT_DISTANCE_KM = 20;

export interface TownshipSeat {
  id: number;
  name: string;
  seatLatitude: number | null;
  seatLongitude: number | null;
}

/**
 * Where a report lies (docs/decisions/0017): the township the address names (the longest name found,
 * so that a name inside another does not win), else the township whose seat is nearest to the point,
 * if within MAX_SEAT_DISTANCE_KM. Null when neither decides.
 */
export function townshipOfReport<T extends TownshipSeat>(
  townships: readonly T[],
  report: { address: string; point: GeoPoint | null },
): T | null {
  const named = townships
    .filter((township) => township.name && report.address.includes(township.name))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (named) return named;
  if (!report.point) return null;
  let nearest: { township: T; km: number } | null = null;
  for (const township of townships) {
    if (township.seatLatitude === null || township.seatLongitude === null) continue;
    const km = distanceKm(report.point, { latitude: township.seatLatitude, longitude: township.seatLongitude });
    if (!nearest || km < nearest.km) nearest = { township, km };
  }
  return nearest && nearest.km <= MAX_SEAT_DISTANCE_KM ? nearest.township : null;
}

/** The name a complainant gave through Open311: Chinese names family name first and unspaced, others as written. */
export function nameFromParts(lastName: string, firstName: string): string | null {
  const latin = /[A-Za-z]/.test(lastName + firstName);
  const name = latin ? `${firstName} ${lastName}` : `${lastName}${firstName}`;
  return name.trim() || null;
}
