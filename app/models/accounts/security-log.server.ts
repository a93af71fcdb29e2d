import { prisma, type Transaction } from "~/db.server";
import type { SecurityEventType } from "~/domain/security";
import { logger } from "~/logger.server";

export interface SecurityEventInput {
  type: SecurityEventType;
  username?: string | null;
  userId?: number | null;
  clientAddress?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Appends one event to the security audit log (append-only by trigger) and writes it as a JSON log line
 * for the bureau's log collection. Details never hold a password or a complainant's identity.
 */
export async function recordSecurityEvent(event: SecurityEventInput, at = new Date(), db: Transaction | typeof prisma = prisma) {
  await db.securityEvent.create({
    data: {
      at,
      type: event.type,
      username: event.username?.slice(0, 64) ?? null,
      userId: event.userId ?? null,
      clientAddress: event.clientAddress ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    },
  });
  logger.info(
    { security: event.type, username: event.username, userId: event.userId, clientAddress: event.clientAddress, ...event.detail },
    "security event",
  );
}

export const SECURITY_LOG_PAGE_SIZE = 50;

export interface SecurityLogFilter {
  type?: SecurityEventType;
  username?: string;
  beforeId?: number;
}

/** Newest first, a page at a time (keyset on id, so that new events do not shift the pages). */
export async function listSecurityEvents(filter: SecurityLogFilter) {
  const rows = await prisma.securityEvent.findMany({
    where: {
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.username ? { username: filter.username } : {}),
      ...(filter.beforeId ? { id: { lt: filter.beforeId } } : {}),
    },
    orderBy: { id: "desc" },
    take: SECURITY_LOG_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, SECURITY_LOG_PAGE_SIZE).map((row) => ({
    id: row.id,
    at: row.at,
    type: row.type as SecurityEventType,
    username: row.username,
    clientAddress: row.clientAddress,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {},
  }));
  return { events: page, nextBeforeId: rows.length > SECURITY_LOG_PAGE_SIZE ? page[page.length - 1].id : null };
}
