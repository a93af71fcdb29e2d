import { InputError } from "../errors";
import { requireOutboundAddress } from "../outbox/outbound.server";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { prisma } from "~/db.server";
import { type ApiScope, apiKeyRefusal, isApiScope, rateWindow, splitApiKey } from "~/domain/api-keys";
import type { ApiClientActor } from "~/domain/roles";
import { logger } from "~/logger.server";
import { countInWindow } from "~/redis.server";

/**
 * API keys (docs/integrations.md): made by an administrator (page or CLI), shown once, kept as SHA-256,
 * revocable and expiring; each request is counted against the key's limit per minute and logged.
 */

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const randomText = (length: number) =>
  [...randomBytes(length * 2)]
    .filter((byte) => byte < 252) // 252 = 7 × 36: every character equally likely
    .slice(0, length)
    .map((byte) => ALPHABET[byte % ALPHABET.length])
    .join("");

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

export interface NewApiKey {
  name: string;
  scopes: ApiScope[];
  channel?: string | null;
  callbackUrl?: string | null;
  expiresAt?: Date | null;
  rateLimit?: number;
}

/** Makes a key and returns it in full, the one time it exists outside the caller's hands. */
export async function createApiKey(input: NewApiKey, now = new Date()) {
  if (input.channel && !(await prisma.channel.findUnique({ where: { code: input.channel } })))
    throw new InputError({ channel: "unknownChannel" });
  if (await prisma.apiKey.findUnique({ where: { name: input.name } })) throw new InputError({ name: "apiKeyNameTaken" });
  if (input.callbackUrl) await requireOutboundAddress("callbackUrl", input.callbackUrl);
  const prefix = randomText(8);
  const secret = randomText(32);
  const record = await prisma.apiKey.create({
    data: {
      name: input.name,
      prefix,
      secretHash: hashOf(secret),
      scopes: [...new Set(input.scopes)].join(" "),
      channel: input.channel || null,
      callbackUrl: input.callbackUrl || null,
      expiresAt: input.expiresAt ?? null,
      rateLimit: input.rateLimit ?? 600,
      createdAt: now,
    },
  });
  return { record, key: `gl_${prefix}_${secret}` };
}

/** The keys, never their hashes, each with its last use as the request log has it (one indexed read a key). */
export async function listApiKeys() {
  const keys = await prisma.apiKey.findMany({ orderBy: { id: "desc" }, omit: { secretHash: true } });
  return Promise.all(
    keys.map(async (key) => {
      const last = await prisma.apiRequest.findFirst({
        where: { apiKeyId: key.id },
        orderBy: { id: "desc" },
        select: { at: true },
      });
      return { ...key, lastUsedAt: last?.at ?? null };
    }),
  );
}

export async function revokeApiKey(id: number, now = new Date()) {
  await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
}

export const scopesOf = (key: { scopes: string }): ApiScope[] => key.scopes.split(" ").filter(isApiScope);

export type ApiClient = { id: number; name: string; scopes: ApiScope[]; channel: string | null; rateLimit: number };

/**
 * The secret a key's callbacks are signed with: the hex SHA-256 of its secret part, which the key's
 * holder computes and we keep as its hash (decision 0016). Empty for what is not a key.
 */
export function callbackSigningSecret(key: string): string {
  const parts = splitApiKey(key);
  return parts ? hashOf(parts.secret) : "";
}

/** A key acting on cases (registering a transfer or an Open311 request): no user, named by the key. */
export const apiClientActor = (client: ApiClient): ApiClientActor => ({
  id: null,
  role: "apiClient",
  townshipId: null,
  apiKeyId: client.id,
  name: client.name,
});

// Compared against when no key has the prefix, so that a wrong prefix costs what a wrong secret does.
const ABSENT_HASH = hashOf("absent");

/** The key a request names, if it exists, matches and may be used now; why not otherwise. */
export async function authenticateApiKey(
  presented: string | null,
  now = new Date(),
): Promise<{ client: ApiClient } | { refused: "missing" | "invalid" | "revoked" | "expired"; keyId?: number }> {
  if (!presented) return { refused: "missing" };
  const parts = splitApiKey(presented);
  const record = parts ? await prisma.apiKey.findUnique({ where: { prefix: parts.prefix } }) : null;
  const expected = Buffer.from(record?.secretHash ?? ABSENT_HASH, "hex");
  const matches = timingSafeEqual(expected, Buffer.from(hashOf(parts?.secret ?? ""), "hex")) && record !== null;
  if (!record || !matches) return { refused: "invalid" };
  const refusal = apiKeyRefusal(record, now);
  // A revoked or expired key is still known: its refusals are logged under it.
  if (refusal) return { refused: refusal, keyId: record.id };
  return {
    client: { id: record.id, name: record.name, scopes: scopesOf(record), channel: record.channel, rateLimit: record.rateLimit },
  };
}

type Taken = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * One more request under `counter` in this minute: refused with the window's end beyond `limit`.
 * Without Redis requests are let through (and logged as such): the limit protects the service, and
 * Redis being away must not stop the platforms' work orders.
 */
async function takeFromWindow(counter: string, limit: number, now: Date, who: Record<string, string>): Promise<Taken> {
  const { window, endsAt } = rateWindow(now);
  const count = await countInWindow(`${counter}:${window}`, 120);
  if (count === null) {
    logger.warn(who, "API rate limit not counted: Redis unavailable");
    return { allowed: true };
  }
  return count > limit ? { allowed: false, retryAt: endsAt } : { allowed: true };
}

/** One more request by `client`, against its own limit. */
export const takeApiRequest = (client: ApiClient, now = new Date()) =>
  takeFromWindow(`api:${client.id}`, client.rateLimit, now, { apiKey: client.name });

/** One more anonymous request from an address (Open311's public reads), against `limit`. */
export const takePublicRequest = (clientAddress: string, limit: number, now = new Date()) =>
  takeFromWindow(`public:${clientAddress}`, limit, now, { clientAddress });

/** The request in the API log; a failure to log never fails the request. */
export async function logApiRequest(entry: {
  apiKeyId: number | null;
  method: string;
  path: string;
  status: number;
  clientAddress: string;
  at: Date;
}) {
  try {
    await prisma.apiRequest.create({ data: { ...entry, path: entry.path.slice(0, 300) } });
  } catch (error) {
    logger.error({ err: error }, "could not log an API request");
  }
  logger.info({ api: true, ...entry }, "api request");
}

export function recentApiRequests() {
  return prisma.apiRequest.findMany({ orderBy: { id: "desc" }, take: 30, include: { apiKey: { select: { name: true } } } });
}
