import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Configuration from the environment, with safe defaults, checked once per process.
 * A bad value stops the process with a message naming the variable.
 */
const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z
    .string()
    .default("file:./data/greenline.db")
    .refine((value) => (value.startsWith("file:") && value.length > "file:".length) || /^postgres(ql)?:\/\/\S+$/.test(value), {
      message: 'must be a SQLite file URL such as "file:./data/greenline.db" or "postgresql://user@host:5432/greenline"',
    }),
  /** PostgreSQL connections per process (each web process and worker has its own pool). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1, "must be 1 or more").max(200).default(10),
  REDIS_URL: z
    .string()
    .default("redis://127.0.0.1:6379")
    .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), { message: 'must look like "redis://host:6379"' }),
  REDIS_PREFIX: z
    .string()
    .default("greenline")
    .refine((value) => /^[A-Za-z0-9_.:-]+$/.test(value), { message: "letters, digits, _ . : - only" }),
  PORT: z.coerce
    .number({ invalid_type_error: "must be a port number (1–65535, or 0 for any free port)" })
    .int("must be a port number (1–65535, or 0 for any free port)")
    .min(0, "must be a port number (1–65535, or 0 for any free port)")
    .max(65535, "must be a port number (1–65535, or 0 for any free port)")
    .default(3000),
  DATA_DIR: z.string().default("./data"),
  /**
   * Where attachments are kept (default DATA_DIR/files). Several machines share one directory (NFS or
   * similar) so that every web process serves every file (docs/decisions/0014).
   */
  FILES_DIR: z.string().optional(),
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1, "must be 1 or more").max(2000).default(20),
  CASE_ATTACHMENTS_MAX_MB: z.coerce.number().int().min(1, "must be 1 or more").max(100_000).default(500),
  UPLOAD_MB_PER_USER_HOUR: z.coerce.number().int().min(1, "must be 1 or more").max(1_000_000).default(1000),
  /** Web processes sharing the port (Node's cluster module); sessions are database rows, so any process serves any user. */
  WEB_PROCESSES: z.coerce.number().int().min(1, "must be 1 or more").max(64).default(1),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** A session ends this long after sign-in, whatever the user does (docs/security.md). */
  SESSION_MAX_AGE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(12 * 60),
  /** …and this long after the user's last request. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  /**
   * Which proxies to believe about the client's address and protocol (X-Forwarded-For/-Proto), as
   * express's "trust proxy": false (none, the default), a number of hops, or addresses/subnets
   * ("loopback", "10.0.0.1"). Behind a reverse proxy that terminates HTTPS, set it so that cookies
   * get the Secure flag and sign-in throttling sees the real client.
   */
  TRUST_PROXY: z
    .string()
    .default("false")
    .refine((value) => /^(true|false|\d{1,2}|[A-Za-z0-9.:/,\s]+)$/.test(value), {
      message: 'must be "false", "true", a number of hops, or a list of addresses such as "loopback, 10.0.0.1"',
    }),
  /**
   * The address users reach the installation at (https://greenline.example.gov.cn). When set, a post
   * is same-site only if its Origin is this, whatever Host header the request carries.
   */
  PUBLIC_ORIGIN: z
    .string()
    .optional()
    .refine((value) => value === undefined || /^https?:\/\/[^/\s?#]+$/.test(value), {
      message: "must be an origin such as https://greenline.example.gov.cn (scheme and host, no path)",
    }),
  /** The bureau's name and hotline, as complainants read them on receipts, messages and letters. */
  BUREAU_NAME: z.string().trim().min(2, "must name the bureau").max(40, "at most 40 characters").default("区生态环境局"),
  BUREAU_HOTLINE: z.string().trim().max(30, "at most 30 characters").default("12345"),
  /**
   * Hosts inside the internal network that the server may send requests to all the same (a partner
   * on the government network): names or addresses, comma-separated. Everything else must be public.
   */
  OUTBOUND_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((host) =>
          host
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ""),
        )
        .filter(Boolean),
    ),
  /** Wrong passwords from one address for one account name before that pair is blocked. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(3).max(100).default(5),
  /** Wrong passwords for one account name from all addresses before the account is locked. */
  SIGN_IN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(3).max(1000).default(20),
  /** The first block's length; each further block of the same key doubles it, up to a day. */
  SIGN_IN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  /** How many due steps of one ladder step kind one transaction fires at most. */
  DEADLINE_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  WEBHOOK_RETRY_DELAY_MS: z.coerce.number().int().min(10).default(2000),
  /** Repeat-report warnings (docs/domain.md): the report that makes this many about one unit within the window warns. */
  REPEAT_REPORT_THRESHOLD: z.coerce.number().int().min(2).max(100).default(3),
  REPEAT_REPORT_WINDOW_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  /** A work order transferred in may have been received at most this many days ago (an older one is a typo or a replay). */
  TRANSFER_IN_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3660).default(30),
});

export type AppConfig = Omit<z.infer<typeof environmentSchema>, "SESSION_SECRET" | "FILES_DIR"> & {
  SESSION_SECRET: string;
  FILES_DIR: string;
  /** Which database DATABASE_URL selects (docs/decisions/0008). */
  dialect: "sqlite" | "postgresql";
  /** The SQLite file; null on PostgreSQL. */
  databaseFile: string | null;
};

export class ConfigError extends Error {}

function readOrCreateSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export function parseConfig(environment: NodeJS.ProcessEnv): AppConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ""));
  const result = environmentSchema.safeParse(blankAsUnset);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Greenline cannot start; fix these environment variables:\n${lines.join("\n")}`);
  }
  const values = result.data;
  return {
    ...values,
    SESSION_SECRET: values.SESSION_SECRET ?? readOrCreateSessionSecret(values.DATA_DIR),
    FILES_DIR: path.resolve(values.FILES_DIR ?? path.join(values.DATA_DIR, "files")),
    dialect: values.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    databaseFile: values.DATABASE_URL.startsWith("file:") ? path.resolve(values.DATABASE_URL.replace(/^file:/, "")) : null,
  };
}

/** The bureau as the public reads it: name, hotline, and where the progress lookup page is. */
export interface Bureau {
  name: string;
  hotline: string;
  /** The lookup page's address; null when no public origin is known (a message sent by the worker without PUBLIC_ORIGIN). */
  lookupUrl: string | null;
}

/** The lookup page at the configured public origin, else at the origin this request reached. */
export function bureauOf(request: Request | null): Bureau {
  const { BUREAU_NAME, BUREAU_HOTLINE, PUBLIC_ORIGIN } = config();
  const origin = PUBLIC_ORIGIN ?? (request ? new URL(request.url).origin : null);
  return { name: BUREAU_NAME, hotline: BUREAU_HOTLINE, lookupUrl: origin ? `${origin}/query` : null };
}

let cached: AppConfig | undefined;

export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
