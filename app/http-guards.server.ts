import { randomBytes } from "node:crypto";
import type express from "express";
import helmet from "helmet";
import { config } from "~/config.server";
import { isCrossSiteRequest } from "~/domain/security";
import { t } from "~/i18n";
import { logger } from "~/logger.server";
import { recordSecurityEvent } from "~/models/accounts/security-log.server";
import { CLIENT_ADDRESS_HEADER } from "~/session.server";

/**
 * Express middleware that every request passes before Remix or the queue dashboard sees it
 * (docs/security.md "The web server"). Each refusal is a 4xx page in Chinese and one JSON log line.
 */

/** Express's "trust proxy" from TRUST_PROXY: false, true, a number of hops, or addresses. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** The client's address as express determined it, passed on in a header no client can set. */
export const clientAddress: express.RequestHandler = (req, _res, next) => {
  req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
};

/**
 * Security headers through helmet, with a Content-Security-Policy whose per-request nonce lets the
 * scripts Remix renders inline run and nothing else. Styles may be inline: React's style attributes
 * and the charts' server-rendered SVG use them. HSTS only over HTTPS.
 */
export function securityHeaders(): express.RequestHandler[] {
  const nonce: express.RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  };
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60 });
  const hstsOverHttps: express.RequestHandler = (req, res, next) => (req.secure ? hsts(req, res, next) : next());
  return [nonce, headers, hstsOverHttps];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function refusalPage(status: number, message: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${status}</title></head><body><main><h1>${status}</h1><p>${message}</p><p><a href="/">${t("error.back")}</a></p></main></body></html>`;
}

/**
 * Cross-site request forgery: a request that changes something must come from a page of this site.
 * Browsers name the page's origin in `Origin` on every such request (and say `Sec-Fetch-Site`); one from
 * another origin is refused. A request with neither comes from a program, not a browser a page could
 * drive, and the session cookie (SameSite=Lax) would not reach it from another site anyway.
 */
/**
 * An answer given before its request's body was read (an upload refused before a byte of it is
 * stored) closes the connection: the client stops sending, and never reuses a connection that still
 * carries the rest of that body.
 */
export const closeWhenBodyUnread: express.RequestHandler = (req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
    if (!req.complete && !this.headersSent) this.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
};

export const crossSiteGuard: express.RequestHandler = async (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const refused = isCrossSiteRequest({
    origin,
    fetchSite,
    ownOriginByHost: `${req.protocol}://${req.get("host")}`,
    publicOrigin: config().PUBLIC_ORIGIN,
  });
  if (!refused) return next();
  // Recorded (and so logged as one JSON line) before the answer, so that whoever reads the log after a
  // refusal finds it there.
  await recordSecurityEvent({
    type: "crossSiteRequestRefused",
    clientAddress: String(req.headers[CLIENT_ADDRESS_HEADER] ?? "unknown"),
    detail: {
      method: req.method,
      path: req.path.slice(0, 200),
      origin: origin?.slice(0, 200) ?? null,
      fetchSite: fetchSite ?? null,
    },
  }).catch((error: unknown) => logger.error({ err: error }, "could not record a security event"));
  res
    .status(403)
    .type("html")
    .send(refusalPage(403, t("error.crossSite")));
};

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** Endpoints for other programs, which post JSON and check their caller's key or signature themselves. */
const takesJson = (path: string) =>
  path === "/api/sms-receipts" || path === "/api/partner-callbacks" || path.startsWith("/api/v1/");

/**
 * The application's pages accept form posts only: a JSON, XML or text body, or a multipart body
 * without its boundary, is refused here with 415 instead of failing inside a route. The endpoints for
 * other programs take JSON instead.
 */
export const formBodyGuard: express.RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const type = (req.get("content-type") ?? "").toLowerCase();
  const mediaType = type.split(";")[0].trim();
  const hasBody = Number(req.get("content-length") ?? 0) > 0 || req.get("transfer-encoding") !== undefined;
  const acceptable =
    (mediaType === "" && !hasBody) ||
    (mediaType === "application/json" && takesJson(req.path)) ||
    (FORM_TYPES.includes(mediaType) && (mediaType !== "multipart/form-data" || /;\s*boundary=\S+/.test(type)));
  if (acceptable) return next();
  logger.info({ method: req.method, path: req.path, contentType: type.slice(0, 100) }, "request body refused");
  res
    .status(415)
    .type("html")
    .send(refusalPage(415, t("error.formBodyExpected")));
};
