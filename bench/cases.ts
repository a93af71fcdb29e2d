import Database from "better-sqlite3";
/**
 * The benchmarks' invented cases: five years (2021–2025) of complaints, petitions and mediations over the
 * townships, channels and categories of a seeded database, in a repeatable pseudo-random sequence.
 */
export const YEARS = [2021, 2022, 2023, 2024, 2025];
export const REPORT_YEAR = 2023;
export const DAY = 86_400_000;
export const OFFSET = 8 * 3_600_000;

export const CASE_COLUMNS = [
  "caseNo",
  "kind",
  "year",
  "seq",
  "state",
  "channel",
  "category",
  "townshipId",
  "assignedToId",
  "receivedAt",
  "acceptedAt",
  "rejectedAt",
  "concludedAt",
  "closedAt",
  "dueAt",
  "nextDueAt",
  "overdue",
  "satisfaction",
  "mediationOutcome",
  "description",
  "policyId",
  "createdAt",
  "updatedAt",
] as const;
/** Columns holding instants (Unix milliseconds in the rows below). */
export const INSTANT_COLUMNS = new Set([
  "receivedAt",
  "acceptedAt",
  "rejectedAt",
  "concludedAt",
  "closedAt",
  "dueAt",
  "nextDueAt",
  "createdAt",
  "updatedAt",
]);

/** The states of the cases still open, in turn, so that every desk queue and inbox has its share. */
const OPEN_STATES = ["registered", "accepted", "assigned", "assigned", "submitted"];

/** mulberry32: the same data on every run. */
export function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Reference {
  townshipIds: number[];
  channels: string[];
  categories: string[];
  policyId: number;
}

/** `count` cases as value arrays in CASE_COLUMNS order; `sequences` ends with each kind and year's last number. */
export function* benchCases(count: number, ref: Reference, sequences: Map<string, number>) {
  const next = random(42);
  const now = Date.UTC(2026, 0, 10);
  for (let i = 0; i < count; i += 1) {
    const year = YEARS[Math.floor(next() * YEARS.length)];
    const kindRoll = next();
    const kind = kindRoll < 0.9 ? "complaint" : kindRoll < 0.97 ? "petition" : "mediation";
    const prefix = kind === "complaint" ? "TS" : kind === "petition" ? "XF" : "TJ";
    const key = `${kind}:${year}`;
    const seq = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, seq);
    const receivedAt = Date.UTC(year, 0, 1) - OFFSET + Math.floor(next() * 365 * DAY);
    const dueAt = receivedAt + 21 * DAY;
    const roll = next();
    const township = ref.townshipIds[Math.floor(next() * ref.townshipIds.length)];
    let state = "closed";
    let concludedAt: number | null = receivedAt + Math.floor(next() * 25 * DAY);
    let rejectedAt: number | null = null;
    if (roll < 0.03) [state, concludedAt, rejectedAt] = ["rejected", null, receivedAt + DAY];
    else if (roll < 0.05) [state, concludedAt] = ["merged", null];
    else if (concludedAt > now || roll > 0.995) [state, concludedAt] = [OPEN_STATES[i % OPEN_STATES.length], null];
    const satisfaction = concludedAt && next() < 0.6 ? ["满意", "基本满意", "不满意"][Math.floor(next() * 3)] : null;
    const outcome = kind === "mediation" && concludedAt ? ["agreement", "failure", "withdrawn"][Math.floor(next() * 3)] : null;
    yield [
      `${prefix}-${year}-${String(seq).padStart(5, "0")}`,
      kind,
      year,
      seq,
      state,
      ref.channels[Math.floor(next() * ref.channels.length)],
      ref.categories[Math.floor(next() * ref.categories.length)],
      township,
      state === "merged" || state === "registered" || state === "accepted" ? null : township,
      receivedAt,
      rejectedAt || state === "registered" ? null : receivedAt + 3_600_000,
      rejectedAt,
      concludedAt,
      concludedAt,
      state === "merged" ? null : dueAt,
      OPEN_STATES.includes(state) ? dueAt : null,
      concludedAt ? concludedAt > dueAt : dueAt < now,
      satisfaction,
      outcome,
      "基准测试案件",
      ref.policyId,
      receivedAt,
      receivedAt,
    ] as (string | number | boolean | null)[];
  }
}

/**
 * `count` cases written straight into a migrated SQLite file that has the reference data (its path is the
 * process's DATABASE_URL). The statistics' triggers are dropped for the fill and made again after it, and
 * the month buckets recounted once, as `greenline verify --recount` does and as the PostgreSQL fill
 * (bench/scale.ts) must, where a trigger per row took most of the time; here the indexes and the
 * text-search trigger take most of it either way.
 */
export async function fillSqliteCases(file: string, count: number) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const ref = {
    townshipIds: (db.prepare(`SELECT id FROM "Township" WHERE kind = 'township'`).all() as { id: number }[]).map((t) => t.id),
    channels: (db.prepare(`SELECT code FROM "Channel"`).all() as { code: string }[]).map((c) => c.code),
    categories: (db.prepare(`SELECT code FROM "Category"`).all() as { code: string }[]).map((c) => c.code),
    policyId: (db.prepare(`SELECT id FROM "DeadlinePolicy" LIMIT 1`).get() as { id: number }).id,
  };
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Case' AND name LIKE 'Case_statistics%'`)
    .all() as { name: string; sql: string }[];
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  const insert = db.prepare(
    `INSERT INTO "Case" (${CASE_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES (${CASE_COLUMNS.map(() => "?").join(",")})`,
  );
  const sequences = new Map<string, number>();
  const rows = benchCases(count, ref, sequences);
  const write = db.transaction((count: number) => {
    for (let i = 0; i < count; i += 1) {
      const row = rows.next().value!;
      insert.run(...row.map((value) => (typeof value === "boolean" ? (value ? 1 : 0) : value)));
    }
  });
  for (let done = 0; done < count; done += 100_000) write(Math.min(100_000, count - done));
  const upsert = db.prepare(`INSERT OR REPLACE INTO "CaseSequence" ("kind","year","lastSeq") VALUES (?,?,?)`);
  for (const [key, seq] of sequences) upsert.run(key.split(":")[0], Number(key.split(":")[1]), seq);
  for (const trigger of triggers) db.exec(trigger.sql);
  const { recountStatisticsMonths } = await import("~/models/statistics/months.server");
  await recountStatisticsMonths();
  db.exec("ANALYZE");
  db.close();
}
