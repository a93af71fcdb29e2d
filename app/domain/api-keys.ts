/**
 * API keys (docs/integrations.md): what each scope lets a key do, and the key's form. Pure rules; the
 * keys themselves are in app/models/api-keys.server.ts.
 */

/**
 * - `open311`: the public Open311 interface: submitting reports and reading their public course.
 * - `transfers`: a platform or partner creating cases by transfer and reading those cases.
 * - `statistics`: the annual and period figures.
 * - `cases`: full reads (complainants' identities included) for the bureau's own tools.
 */
export const API_SCOPES = ["open311", "transfers", "statistics", "cases"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** Only the bureau's own tools see who complained. */
export const mayReadIdentities = (scopes: readonly ApiScope[]) => scopes.includes("cases");

/** Scopes that create cases, and so need the channel those cases arrive by. */
export const CREATING_SCOPES: readonly ApiScope[] = ["open311", "transfers"];

/**
 * `gl_` + 8 characters that name the key (kept in clear, shown in lists and logs) + `_` + 32 secret
 * characters (kept only as SHA-256): 160 random bits that no one guesses.
 */
export const API_KEY_PATTERN = /^gl_([a-z0-9]{8})_([a-z0-9]{32})$/;

export function splitApiKey(key: string): { prefix: string; secret: string } | null {
  const match = API_KEY_PATTERN.exec(key.trim());
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export interface ApiKeyState {
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/** Why a key that exists is refused now, or null when it may be used. */
export function apiKeyRefusal(key: ApiKeyState, now: Date): "revoked" | "expired" | null {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

/** A fixed one-minute window: which window an instant falls in, and when it ends (for Retry-After). */
export function rateWindow(now: Date): { window: number; endsAt: Date } {
  const window = Math.floor(now.getTime() / 60_000);
  return { window, endsAt: new Date((window + 1) * 60_000) };
}
