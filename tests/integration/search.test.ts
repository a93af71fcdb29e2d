import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { listCases } from "~/models/case/lists.server";
import { changeCase, registerCase } from "~/models/case/service.server";
import { textSearchCaseIds } from "~/models/db/sql-dialect.server";
import { onPostgres } from "../support/databases";
import { at, intakeFields, setUpWorld } from "../support/fixtures";

let world: Awaited<ReturnType<typeof setUpWorld>>;
const now = { now: at("2026-05-06 10:00"), scheduleJobs: false };

beforeAll(async () => {
  world = await setUpWorld();
});

const search = async (q: string) =>
  (await listCases(world.dispatcher, { q, sort: "received_desc", page: 1 })).cases.map((c) => c.caseNo);

describe("Chinese text search", () => {
  it("finds a case by any part of its subject, address or description, and follows edits", async () => {
    const fields = await intakeFields({
      receivedAt: at("2026-05-06 09:00"),
      subject: "永盛石材加工厂",
      address: "古南街道沱湾路88号",
      description: "切割石材粉尘很大，晚上还有噪声。",
    });
    const created = await registerCase(world.operator, fields, now);
    await registerCase(world.operator, await intakeFields({ receivedAt: at("2026-05-06 09:30"), subject: "好味烧烤店" }), now);
    expect(await search("石材加工")).toEqual([created.caseNo]);
    expect(await search("沱湾路88")).toEqual([created.caseNo]);
    expect(await search("粉尘很大")).toEqual([created.caseNo]);
    expect(await search("粉尘")).toEqual([created.caseNo]); // two characters: below the trigram, found by scanning
    expect(await search("不存在的企业")).toEqual([]);

    await changeCase(world.operator, created.caseNo, created.version, { action: "edit", fields: { subject: "永兴建材厂" } }, now);
    expect(await search("永兴建材")).toEqual([created.caseNo]);
    expect(await search("石材加工")).toEqual([]);
  });

  it("reads % and _ in a search term as themselves, not as wildcards", async () => {
    const percent = await registerCase(
      world.operator,
      await intakeFields({ receivedAt: at("2026-05-06 08:00"), subject: "排放超标 50%", description: "监测报告_第3页" }),
      now,
    );
    await registerCase(world.operator, await intakeFields({ receivedAt: at("2026-05-06 08:30"), subject: "超标 50 倍" }), now);
    expect(await search("_")).toEqual([percent.caseNo]);
    expect(await search("%")).toEqual([percent.caseNo]);
    expect(await search("50%")).toEqual([percent.caseNo]);
    expect(await search("告_第")).toEqual([percent.caseNo]);
    expect(await search("\\")).toEqual([]);
  });

  it("answers through the dialect's trigram index", async () => {
    if (onPostgres) {
      const indexes = await prisma.$queryRawUnsafe<{ indexname: string }[]>(
        `SELECT indexname::text AS "indexname" FROM pg_indexes WHERE tablename = 'Case' AND indexname LIKE '%trgm'`,
      );
      expect(indexes.map((i) => i.indexname).sort()).toEqual(["Case_address_trgm", "Case_description_trgm", "Case_subject_trgm"]);
    } else {
      const ids = await textSearchCaseIds(prisma, "沱湾路88");
      const record = await prisma.case.findFirstOrThrow({ where: { address: { contains: "沱湾路88" } } });
      expect(ids).toEqual([record.id]);
      expect(await textSearchCaseIds(prisma, "沱湾")).toBeNull();
    }
  });
});
