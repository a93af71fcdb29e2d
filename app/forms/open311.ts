import { z } from "zod";
import { CONSENT_ATTRIBUTE, isGeoPoint } from "~/domain/open311";
import { optionalText, phoneNumber, requiredText } from "./fields";

/**
 * Open311 GeoReport v2's inputs (docs/integrations.md "Open311"): the form a client posts to create a
 * request, and the query strings of `GET requests` and of the update feed. Field names are the spec's.
 */

const coordinate = z
  .string()
  .trim()
  .regex(/^(-?\d{1,3}(\.\d{1,12})?)?$/, "coordinate")
  .optional();

/** An instant as the spec writes it (ISO 8601, `2026-03-01T00:00:00+08:00`; a date alone is midnight in Shanghai). */
const open311Instant = z
  .string()
  .trim()
  .transform((value, context) => {
    const withOffset = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
    const parsed = z.string().datetime({ offset: true }).safeParse(withOffset);
    const date = parsed.success ? new Date(withOffset) : null;
    if (!date || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) {
      context.addIssue({ code: "custom", message: "isoInstant" });
      return z.NEVER;
    }
    return date;
  })
  .optional();

const requestFieldsSchema = z.object({
  service_code: requiredText(30),
  lat: coordinate,
  long: coordinate,
  address_string: optionalText(200),
  description: requiredText(4000),
  first_name: optionalText(25),
  last_name: optionalText(25),
  phone: phoneNumber,
  email: z.string().trim().max(100, "tooLong").optional(),
  [`attribute[${CONSENT_ATTRIBUTE}]`]: z.enum(["yes", "no"], { message: "consentValue" }).optional(),
});

// A separate part of the intersection, so that the location is checked even while other fields are wrong.
const locationSchema = z
  .object({ lat: z.string().trim().optional(), long: z.string().trim().optional(), address_string: z.string().trim().optional() })
  .superRefine((value, context) => {
    const hasLat = Boolean(value.lat);
    const hasLong = Boolean(value.long);
    if (hasLat !== hasLong) context.addIssue({ path: [hasLat ? "long" : "lat"], code: "custom", message: "coordinatePair" });
    else if (hasLat && !isGeoPoint({ latitude: Number(value.lat), longitude: Number(value.long) }))
      context.addIssue({ path: ["lat"], code: "custom", message: "coordinate" });
    if (!hasLat && !value.address_string)
      context.addIssue({ path: ["address_string"], code: "custom", message: "locationRequired" });
  });

export const open311RequestSchema = requestFieldsSchema.and(locationSchema);

export type Open311RequestInput = z.output<typeof open311RequestSchema>;

const commaList = (pattern: RegExp) =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine((items) => items.length <= 100 && items.every((item) => pattern.test(item)), "listValue")
    .optional();

export const open311RequestQuerySchema = z.object({
  service_request_id: commaList(/^[A-Za-z]{2}-\d{4}-\d{5}$/),
  service_code: commaList(/^[\w-]{1,30}$/),
  status: commaList(/^(open|closed)$/),
  start_date: open311Instant,
  end_date: open311Instant,
});

export const open311UpdateQuerySchema = z.object({
  start_date: open311Instant,
  end_date: open311Instant,
});
