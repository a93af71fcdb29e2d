-- CreateTable
CREATE TABLE "StatisticsMonth" (
    "kind" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "received" INTEGER NOT NULL DEFAULT 0,
    "merged" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "concluded" INTEGER NOT NULL DEFAULT 0,
    "onTime" INTEGER NOT NULL DEFAULT 0,
    "handlingMs" BIGINT NOT NULL DEFAULT 0,
    "paused" INTEGER NOT NULL DEFAULT 0,
    "pausedMinutes" BIGINT NOT NULL DEFAULT 0,
    "followedUp" INTEGER NOT NULL DEFAULT 0,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "withdrawn" INTEGER NOT NULL DEFAULT 0,
    "openStarts" INTEGER NOT NULL DEFAULT 0,
    "openEnds" INTEGER NOT NULL DEFAULT 0,
    "overdueStarts" INTEGER NOT NULL DEFAULT 0,
    "overdueEnds" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatisticsMonth_pkey" PRIMARY KEY ("kind","month","dimension","value")
);

-- CreateIndex
CREATE INDEX "Case_statistics_due" ON "Case"("kind", "dueAt");


-- Hand-written: the statistics' month buckets (docs/decisions/0024-statistics-month-buckets.md).
-- "CaseStatisticsEvent" states once, in SQL, which event of a case falls in which month and what it
-- counts (docs/domain.md "Statistics"); triggers add a case's events when it is written and take its
-- old events out before it changes, in the same transaction; existing cases are counted here once.
CREATE FUNCTION "caseStatisticsEvents"(c "Case") RETURNS TABLE ("caseId" INTEGER, "kind" TEXT, "month" TEXT, "channel" TEXT, "category" TEXT, "townshipId" INTEGER, "at" TIMESTAMP(3), "received" BIGINT, "merged" BIGINT, "accepted" BIGINT, "rejected" BIGINT, "concluded" BIGINT, "onTime" BIGINT, "handlingMs" BIGINT, "paused" BIGINT, "pausedMinutes" BIGINT, "followedUp" BIGINT, "satisfied" BIGINT, "succeeded" BIGINT, "failed" BIGINT, "withdrawn" BIGINT, "openStarts" BIGINT, "openEnds" BIGINT, "overdueStarts" BIGINT, "overdueEnds" BIGINT, "handlingDays" BIGINT)
LANGUAGE sql STABLE AS $$
SELECT c."id" AS "caseId",
    c."kind" AS "kind",
    to_char(c."receivedAt" + INTERVAL '8 hours', 'YYYY-MM') AS "month",
    c."channel" AS "channel",
    c."category" AS "category",
    c."townshipId" AS "townshipId",
    c."receivedAt" AS "at",
    1 AS "received",
    CASE WHEN c."state" = 'merged' THEN 1 ELSE 0 END AS "merged",
    0 AS "accepted",
    0 AS "rejected",
    0 AS "concluded",
    0 AS "onTime",
    0 AS "handlingMs",
    0 AS "paused",
    0 AS "pausedMinutes",
    0 AS "followedUp",
    0 AS "satisfied",
    0 AS "succeeded",
    0 AS "failed",
    0 AS "withdrawn",
    CASE WHEN c."state" <> 'merged' THEN 1 ELSE 0 END AS "openStarts",
    0 AS "openEnds",
    0 AS "overdueStarts",
    0 AS "overdueEnds",
    CAST(NULL AS BIGINT) AS "handlingDays"
UNION ALL
SELECT c."id" AS "caseId",
    c."kind" AS "kind",
    to_char(c."acceptedAt" + INTERVAL '8 hours', 'YYYY-MM') AS "month",
    c."channel" AS "channel",
    c."category" AS "category",
    c."townshipId" AS "townshipId",
    c."acceptedAt" AS "at",
    0 AS "received",
    0 AS "merged",
    1 AS "accepted",
    0 AS "rejected",
    0 AS "concluded",
    0 AS "onTime",
    0 AS "handlingMs",
    0 AS "paused",
    0 AS "pausedMinutes",
    0 AS "followedUp",
    0 AS "satisfied",
    0 AS "succeeded",
    0 AS "failed",
    0 AS "withdrawn",
    0 AS "openStarts",
    0 AS "openEnds",
    0 AS "overdueStarts",
    0 AS "overdueEnds",
    CAST(NULL AS BIGINT) AS "handlingDays"
   WHERE c."acceptedAt" IS NOT NULL
UNION ALL
SELECT c."id" AS "caseId",
    c."kind" AS "kind",
    to_char(c."rejectedAt" + INTERVAL '8 hours', 'YYYY-MM') AS "month",
    c."channel" AS "channel",
    c."category" AS "category",
    c."townshipId" AS "townshipId",
    c."rejectedAt" AS "at",
    0 AS "received",
    0 AS "merged",
    0 AS "accepted",
    1 AS "rejected",
    0 AS "concluded",
    0 AS "onTime",
    0 AS "handlingMs",
    0 AS "paused",
    0 AS "pausedMinutes",
    0 AS "followedUp",
    0 AS "satisfied",
    0 AS "succeeded",
    0 AS "failed",
    0 AS "withdrawn",
    0 AS "openStarts",
    0 AS "openEnds",
    0 AS "overdueStarts",
    0 AS "overdueEnds",
    CAST(NULL AS BIGINT) AS "handlingDays"
   WHERE c."rejectedAt" IS NOT NULL
UNION ALL
SELECT c."id" AS "caseId",
    c."kind" AS "kind",
    to_char(c."concludedAt" + INTERVAL '8 hours', 'YYYY-MM') AS "month",
    c."channel" AS "channel",
    c."category" AS "category",
    c."townshipId" AS "townshipId",
    c."concludedAt" AS "at",
    0 AS "received",
    0 AS "merged",
    0 AS "accepted",
    0 AS "rejected",
    1 AS "concluded",
    CASE WHEN c."dueAt" IS NULL OR c."concludedAt" <= c."dueAt" THEN 1 ELSE 0 END AS "onTime",
    CAST(EXTRACT(EPOCH FROM c."concludedAt") * 1000 - EXTRACT(EPOCH FROM c."receivedAt") * 1000 AS BIGINT) - c."pausedMinutes" * CAST(60000 AS BIGINT) AS "handlingMs",
    CASE WHEN c."pausedMinutes" > 0 THEN 1 ELSE 0 END AS "paused",
    c."pausedMinutes" AS "pausedMinutes",
    CASE WHEN c."satisfaction" IS NOT NULL THEN 1 ELSE 0 END AS "followedUp",
    CASE WHEN c."satisfaction" IN ('满意', '基本满意') THEN 1 ELSE 0 END AS "satisfied",
    CASE WHEN c."mediationOutcome" = 'agreement' THEN 1 ELSE 0 END AS "succeeded",
    CASE WHEN c."mediationOutcome" = 'failure' THEN 1 ELSE 0 END AS "failed",
    CASE WHEN c."mediationOutcome" = 'withdrawn' THEN 1 ELSE 0 END AS "withdrawn",
    0 AS "openStarts",
    0 AS "openEnds",
    0 AS "overdueStarts",
    0 AS "overdueEnds",
    (CAST(EXTRACT(EPOCH FROM c."concludedAt") * 1000 - EXTRACT(EPOCH FROM c."receivedAt") * 1000 AS BIGINT) - c."pausedMinutes" * CAST(60000 AS BIGINT)) / 86400000 AS "handlingDays"
   WHERE c."concludedAt" IS NOT NULL
UNION ALL
SELECT c."id" AS "caseId",
    c."kind" AS "kind",
    to_char(CASE WHEN CASE WHEN c."concludedAt" IS NULL THEN c."rejectedAt" WHEN c."rejectedAt" IS NULL OR c."concludedAt" < c."rejectedAt" THEN c."concludedAt" ELSE c."rejectedAt" END > c."receivedAt" THEN CASE WHEN c."concludedAt" IS NULL THEN c."rejectedAt" WHEN c."rejectedAt" IS NULL OR c."concludedAt" < c."rejectedAt" THEN c."concludedAt" ELSE c."rejectedAt" END ELSE c."receivedAt" END + INTERVAL '8 hours', 'YYYY-MM') AS "month",
    c."channel" AS "channel",
    c."category" AS "category",
    c."townshipId" AS "townshipId",
    CASE WHEN CASE WHEN c."concludedAt" IS NULL THEN c."rejectedAt" WHEN c."rejectedAt" IS NULL OR c."concludedAt" < c."rejectedAt" THEN c."concludedAt" ELSE c."rejectedAt" END > c."receivedAt" THEN CASE WHEN c."concludedAt" IS NULL THEN c."rejectedAt" WHEN c."rejectedAt" IS NULL OR c."concludedAt" < c."rejectedAt" THEN c."concludedAt" ELSE c."rejectedAt" END ELSE c."receivedAt" END AS "at",
    0 AS "received",
    0 AS "merged",
    0 AS "accepted",
    0 AS "rejected",
    0 AS "concluded",
    0 AS "onTime",
    0 AS "handlingMs",
    0 AS "paused",
    0 AS "pausedMinutes",
    0 AS "followedUp",
    0 AS "satisfied",
    0 AS "succeeded",
    0 AS "failed",
    0 AS "withdrawn",
    0 AS "openStarts",
    1 AS "openEnds",
    0 AS "overdueStarts",
    0 AS "overdueEnds",
    CAST(NULL AS BIGINT) AS "handlingDays"
   WHERE c."state" <> 'merged' AND (c."concludedAt" IS NOT NULL OR c."rejectedAt" IS NOT NULL)
UNION ALL
SELECT c."id" AS "caseId",
    c."kind" AS "kind",
    to_char(CASE WHEN c."dueAt" > c."receivedAt" THEN c."dueAt" ELSE c."receivedAt" END + INTERVAL '8 hours', 'YYYY-MM') AS "month",
    c."channel" AS "channel",
    c."category" AS "category",
    c."townshipId" AS "townshipId",
    CASE WHEN c."dueAt" > c."receivedAt" THEN c."dueAt" ELSE c."receivedAt" END AS "at",
    0 AS "received",
    0 AS "merged",
    0 AS "accepted",
    0 AS "rejected",
    0 AS "concluded",
    0 AS "onTime",
    0 AS "handlingMs",
    0 AS "paused",
    0 AS "pausedMinutes",
    0 AS "followedUp",
    0 AS "satisfied",
    0 AS "succeeded",
    0 AS "failed",
    0 AS "withdrawn",
    0 AS "openStarts",
    0 AS "openEnds",
    1 AS "overdueStarts",
    0 AS "overdueEnds",
    CAST(NULL AS BIGINT) AS "handlingDays"
   WHERE c."state" <> 'merged' AND c."dueAt" IS NOT NULL
UNION ALL
SELECT c."id" AS "caseId",
    c."kind" AS "kind",
    to_char(CASE WHEN CASE WHEN c."concludedAt" IS NULL THEN c."rejectedAt" WHEN c."rejectedAt" IS NULL OR c."concludedAt" < c."rejectedAt" THEN c."concludedAt" ELSE c."rejectedAt" END > CASE WHEN c."dueAt" > c."receivedAt" THEN c."dueAt" ELSE c."receivedAt" END THEN CASE WHEN c."concludedAt" IS NULL THEN c."rejectedAt" WHEN c."rejectedAt" IS NULL OR c."concludedAt" < c."rejectedAt" THEN c."concludedAt" ELSE c."rejectedAt" END ELSE CASE WHEN c."dueAt" > c."receivedAt" THEN c."dueAt" ELSE c."receivedAt" END END + INTERVAL '8 hours', 'YYYY-MM') AS "month",
    c."channel" AS "channel",
    c."category" AS "category",
    c."townshipId" AS "townshipId",
    CASE WHEN CASE WHEN c."concludedAt" IS NULL THEN c."rejectedAt" WHEN c."rejectedAt" IS NULL OR c."concludedAt" < c."rejectedAt" THEN c."concludedAt" ELSE c."rejectedAt" END > CASE WHEN c."dueAt" > c."receivedAt" THEN c."dueAt" ELSE c."receivedAt" END THEN CASE WHEN c."concludedAt" IS NULL THEN c."rejectedAt" WHEN c."rejectedAt" IS NULL OR c."concludedAt" < c."rejectedAt" THEN c."concludedAt" ELSE c."rejectedAt" END ELSE CASE WHEN c."dueAt" > c."receivedAt" THEN c."dueAt" ELSE c."receivedAt" END END AS "at",
    0 AS "received",
    0 AS "merged",
    0 AS "accepted",
    0 AS "rejected",
    0 AS "concluded",
    0 AS "onTime",
    0 AS "handlingMs",
    0 AS "paused",
    0 AS "pausedMinutes",
    0 AS "followedUp",
    0 AS "satisfied",
    0 AS "succeeded",
    0 AS "failed",
    0 AS "withdrawn",
    0 AS "openStarts",
    0 AS "openEnds",
    0 AS "overdueStarts",
    1 AS "overdueEnds",
    CAST(NULL AS BIGINT) AS "handlingDays"
   WHERE c."state" <> 'merged' AND c."dueAt" IS NOT NULL AND (c."concludedAt" IS NOT NULL OR c."rejectedAt" IS NOT NULL)
$$;

CREATE VIEW "CaseStatisticsEvent" AS SELECT e.* FROM "Case" c CROSS JOIN LATERAL "caseStatisticsEvents"(c) e;

INSERT INTO "StatisticsMonth" ("kind", "month", "dimension", "value", "received", "merged", "accepted", "rejected", "concluded", "onTime", "handlingMs", "paused", "pausedMinutes", "followedUp", "satisfied", "succeeded", "failed", "withdrawn", "openStarts", "openEnds", "overdueStarts", "overdueEnds")
  SELECT e."kind", e."month", d."dimension", CASE d."dimension" WHEN 'channel' THEN e."channel" WHEN 'category' THEN e."category" WHEN 'townshipId' THEN CAST(e."townshipId" AS TEXT) ELSE CAST(e."handlingDays" AS TEXT) END, SUM(e."received"), SUM(e."merged"), SUM(e."accepted"), SUM(e."rejected"), SUM(e."concluded"), SUM(e."onTime"), SUM(e."handlingMs"), SUM(e."paused"), SUM(e."pausedMinutes"), SUM(e."followedUp"), SUM(e."satisfied"), SUM(e."succeeded"), SUM(e."failed"), SUM(e."withdrawn"), SUM(e."openStarts"), SUM(e."openEnds"), SUM(e."overdueStarts"), SUM(e."overdueEnds")
  FROM "CaseStatisticsEvent" e CROSS JOIN (SELECT 'channel' AS "dimension" UNION ALL SELECT 'category' UNION ALL SELECT 'townshipId' UNION ALL SELECT 'handlingDays') d WHERE (d."dimension" <> 'handlingDays' OR e."concluded" <> 0)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ("kind", "month", "dimension", "value") DO UPDATE SET
    "received" = "StatisticsMonth"."received" + excluded."received",
    "merged" = "StatisticsMonth"."merged" + excluded."merged",
    "accepted" = "StatisticsMonth"."accepted" + excluded."accepted",
    "rejected" = "StatisticsMonth"."rejected" + excluded."rejected",
    "concluded" = "StatisticsMonth"."concluded" + excluded."concluded",
    "onTime" = "StatisticsMonth"."onTime" + excluded."onTime",
    "handlingMs" = "StatisticsMonth"."handlingMs" + excluded."handlingMs",
    "paused" = "StatisticsMonth"."paused" + excluded."paused",
    "pausedMinutes" = "StatisticsMonth"."pausedMinutes" + excluded."pausedMinutes",
    "followedUp" = "StatisticsMonth"."followedUp" + excluded."followedUp",
    "satisfied" = "StatisticsMonth"."satisfied" + excluded."satisfied",
    "succeeded" = "StatisticsMonth"."succeeded" + excluded."succeeded",
    "failed" = "StatisticsMonth"."failed" + excluded."failed",
    "withdrawn" = "StatisticsMonth"."withdrawn" + excluded."withdrawn",
    "openStarts" = "StatisticsMonth"."openStarts" + excluded."openStarts",
    "openEnds" = "StatisticsMonth"."openEnds" + excluded."openEnds",
    "overdueStarts" = "StatisticsMonth"."overdueStarts" + excluded."overdueStarts",
    "overdueEnds" = "StatisticsMonth"."overdueEnds" + excluded."overdueEnds";

CREATE FUNCTION "Case_statistics_month"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatisticsMonth" ("kind", "month", "dimension", "value", "received", "merged", "accepted", "rejected", "concluded", "onTime", "handlingMs", "paused", "pausedMinutes", "followedUp", "satisfied", "succeeded", "failed", "withdrawn", "openStarts", "openEnds", "overdueStarts", "overdueEnds")
  SELECT e."kind", e."month", d."dimension", CASE d."dimension" WHEN 'channel' THEN e."channel" WHEN 'category' THEN e."category" WHEN 'townshipId' THEN CAST(e."townshipId" AS TEXT) ELSE CAST(e."handlingDays" AS TEXT) END, SUM(e."received"), SUM(e."merged"), SUM(e."accepted"), SUM(e."rejected"), SUM(e."concluded"), SUM(e."onTime"), SUM(e."handlingMs"), SUM(e."paused"), SUM(e."pausedMinutes"), SUM(e."followedUp"), SUM(e."satisfied"), SUM(e."succeeded"), SUM(e."failed"), SUM(e."withdrawn"), SUM(e."openStarts"), SUM(e."openEnds"), SUM(e."overdueStarts"), SUM(e."overdueEnds")
  FROM (SELECT e.* FROM "caseStatisticsEvents"(NEW) e WHERE TG_OP <> 'DELETE'
   UNION ALL SELECT e."caseId", e."kind", e."month", e."channel", e."category", e."townshipId", e."at", -e."received", -e."merged", -e."accepted", -e."rejected", -e."concluded", -e."onTime", -e."handlingMs", -e."paused", -e."pausedMinutes", -e."followedUp", -e."satisfied", -e."succeeded", -e."failed", -e."withdrawn", -e."openStarts", -e."openEnds", -e."overdueStarts", -e."overdueEnds", e."handlingDays" FROM "caseStatisticsEvents"(OLD) e WHERE TG_OP <> 'INSERT') e CROSS JOIN (SELECT 'channel' AS "dimension" UNION ALL SELECT 'category' UNION ALL SELECT 'townshipId' UNION ALL SELECT 'handlingDays') d WHERE (d."dimension" <> 'handlingDays' OR e."concluded" <> 0)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ("kind", "month", "dimension", "value") DO UPDATE SET
    "received" = "StatisticsMonth"."received" + excluded."received",
    "merged" = "StatisticsMonth"."merged" + excluded."merged",
    "accepted" = "StatisticsMonth"."accepted" + excluded."accepted",
    "rejected" = "StatisticsMonth"."rejected" + excluded."rejected",
    "concluded" = "StatisticsMonth"."concluded" + excluded."concluded",
    "onTime" = "StatisticsMonth"."onTime" + excluded."onTime",
    "handlingMs" = "StatisticsMonth"."handlingMs" + excluded."handlingMs",
    "paused" = "StatisticsMonth"."paused" + excluded."paused",
    "pausedMinutes" = "StatisticsMonth"."pausedMinutes" + excluded."pausedMinutes",
    "followedUp" = "StatisticsMonth"."followedUp" + excluded."followedUp",
    "satisfied" = "StatisticsMonth"."satisfied" + excluded."satisfied",
    "succeeded" = "StatisticsMonth"."succeeded" + excluded."succeeded",
    "failed" = "StatisticsMonth"."failed" + excluded."failed",
    "withdrawn" = "StatisticsMonth"."withdrawn" + excluded."withdrawn",
    "openStarts" = "StatisticsMonth"."openStarts" + excluded."openStarts",
    "openEnds" = "StatisticsMonth"."openEnds" + excluded."openEnds",
    "overdueStarts" = "StatisticsMonth"."overdueStarts" + excluded."overdueStarts",
    "overdueEnds" = "StatisticsMonth"."overdueEnds" + excluded."overdueEnds";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Case_statistics_month" AFTER INSERT OR DELETE ON "Case"
  FOR EACH ROW EXECUTE FUNCTION "Case_statistics_month"();
-- A write that leaves every counted field as it was changes no bucket.
CREATE TRIGGER "Case_statistics_month_update" AFTER UPDATE OF "kind", "state", "channel", "category", "townshipId", "receivedAt", "acceptedAt", "rejectedAt", "concludedAt", "dueAt", "satisfaction", "mediationOutcome", "pausedMinutes" ON "Case"
  FOR EACH ROW WHEN ((OLD."kind", OLD."state", OLD."channel", OLD."category", OLD."townshipId", OLD."receivedAt", OLD."acceptedAt", OLD."rejectedAt", OLD."concludedAt", OLD."dueAt", OLD."satisfaction", OLD."mediationOutcome", OLD."pausedMinutes") IS DISTINCT FROM (NEW."kind", NEW."state", NEW."channel", NEW."category", NEW."townshipId", NEW."receivedAt", NEW."acceptedAt", NEW."rejectedAt", NEW."concludedAt", NEW."dueAt", NEW."satisfaction", NEW."mediationOutcome", NEW."pausedMinutes"))
  EXECUTE FUNCTION "Case_statistics_month"();
