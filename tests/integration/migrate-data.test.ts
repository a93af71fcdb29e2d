import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { importLedger } from "~/models/ledger/import.server";
import { seedDemoData } from "~/models/reference/seed.server";
import { keepReceivedFiles, receiveUpload } from "~/models/attachments/store.server";
import { changeCase } from "~/models/case/service.server";
import { onPostgres, postgresUrl } from "../support/databases";
import { setUpWorld } from "../support/fixtures";

let attachmentCase = "";
const bin = path.resolve(__dirname, "../../bin/greenline.cjs");
const database = `greenline_test_migrate_${process.pid}`;
const admin = () => new Client({ connectionString: postgresUrl("postgres") });

async function adminQuery(sql: string) {
  const client = admin();
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Copies this file's SQLite database into PostgreSQL: it runs in the SQLite pass of the suite.
describe.skipIf(onPostgres)("greenline migrate-data", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    const world = await setUpWorld();
    await seedDemoData();
    const ledger = [
      "类型,来源渠道,受理时间,所属街镇,问题类型,投诉内容,办结时间",
      ",投诉举报,来信,2024-12-30 09:00,古南街道,水,跨年的一件,2025-01-06 10:00",
    ];
    await importLedger({ content: Buffer.from(ledger.join("\n")), fileName: "old.csv" }, { apply: true, actorId: null });
    // A step with a file, so that attachments' rows travel too (the file stays in FILES_DIR).
    const open = await prisma.case.findFirstOrThrow({ where: { state: "assigned", assignedTo: { name: "古南街道" } } });
    const content = Buffer.from("%PDF-1.7\n现场检测报告");
    const received = await receiveUpload(
      (async function* () {
        yield new Uint8Array(content);
      })(),
      "检测报告.pdf",
      { maxFileBytes: 1024 * 1024, caseBytesLeft: 1024 * 1024, hourBytesLeft: 1024 * 1024 },
    );
    await keepReceivedFiles([received]);
    attachmentCase = open.caseNo;
    expect(received.problem).toBeNull();
    await changeCase(
      world.dispatcher,
      open.caseNo,
      open.version,
      { action: "note", text: "再附检测报告" },
      {
        scheduleJobs: false,
        attachments: [{ ...received, contentType: received.contentType!, kind: "other", caption: "", confidential: false }],
      },
    );
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${database}"`);
  });

  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  it("copies a seeded SQLite installation into an empty PostgreSQL database with the same counts and annual figures", async () => {
    const run = () =>
      spawnSync(process.execPath, [bin, "migrate-data", "--from", process.env.DATABASE_URL!, "--to", postgresUrl(database)], {
        env: process.env,
        encoding: "utf8",
      });
    const result = run();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    // Every table of the schema is copied: one left out of the list would be lost without a word.
    const models = readFileSync(path.resolve(__dirname, "../../prisma/schema.prisma"), "utf8").match(/^model \w+ \{/gm)!.length;
    expect(result.stdout).toMatch(new RegExp(`the counts of all ${models} tables and \\d+ sets of annual figures agree`));

    const client = new Client({ connectionString: postgresUrl(database) });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT COUNT(*)::int AS n FROM "Case"`);
      expect(rows[0].n).toBe(await prisma.case.count());
      const attached = await client.query(
        `SELECT a."fileName", f."contentType" FROM "Attachment" a JOIN "StoredFile" f USING ("sha256") JOIN "Case" c ON c.id = a."caseId" WHERE c."caseNo" = $1`,
        [attachmentCase],
      );
      expect(attached.rows).toEqual([{ fileName: "检测报告.pdf", contentType: "application/pdf" }]);
      // New rows get ids after the copied ones.
      const next = await client.query(`SELECT nextval(pg_get_serial_sequence('"Case"', 'id'))::int AS id`);
      const last = await prisma.case.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect(next.rows[0].id).toBeGreaterThan(last.id);
    } finally {
      await client.end();
    }
    // A second run refuses: the target is no longer empty.
    const again = run();
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("not empty");
  });
});
