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

    PRIMARY KEY ("kind", "month", "dimension", "value")
);

-- CreateIndex
CREATE INDEX "Case_statistics_due" ON "Case"("kind", "dueAt");


-- Hand-written: the statistics' month buckets (docs/decisions/0024-statistics-month-buckets.md).
-- "CaseStatisticsEvent" states once, in SQL, which event of a case falls in which month and what it
-- counts (docs/domain.md "Statistics"); triggers add a case's events when it is written and take its
-- old events out before it changes, in the same transaction; existing cases are counted here once.
CREATE VIEW "CaseStatisticsEvent" AS
SELECT "id" AS "caseId",
    "kind" AS "kind",
    strftime('%Y-%m', ("receivedAt" + 28800000) / 1000, 'unixepoch') AS "month",
    "channel" AS "channel",
    "category" AS "category",
    "townshipId" AS "townshipId",
    "receivedAt" AS "at",
    1 AS "received",
    CASE WHEN "state" = 'merged' THEN 1 ELSE 0 END AS "merged",
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
    CASE WHEN "state" <> 'merged' THEN 1 ELSE 0 END AS "openStarts",
    0 AS "openEnds",
    0 AS "overdueStarts",
    0 AS "overdueEnds",
    CAST(NULL AS BIGINT) AS "handlingDays"
  FROM "Case"
UNION ALL
SELECT "id" AS "caseId",
    "kind" AS "kind",
    strftime('%Y-%m', ("acceptedAt" + 28800000) / 1000, 'unixepoch') AS "month",
    "channel" AS "channel",
    "category" AS "category",
    "townshipId" AS "townshipId",
    "acceptedAt" AS "at",
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
  FROM "Case" WHERE "acceptedAt" IS NOT NULL
UNION ALL
SELECT "id" AS "caseId",
    "kind" AS "kind",
    strftime('%Y-%m', ("rejectedAt" + 28800000) / 1000, 'unixepoch') AS "month",
    "channel" AS "channel",
    "category" AS "category",
    "townshipId" AS "townshipId",
    "rejectedAt" AS "at",
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
  FROM "Case" WHERE "rejectedAt" IS NOT NULL
UNION ALL
SELECT "id" AS "caseId",
    "kind" AS "kind",
    strftime('%Y-%m', ("concludedAt" + 28800000) / 1000, 'unixepoch') AS "month",
    "channel" AS "channel",
    "category" AS "category",
    "townshipId" AS "townshipId",
    "concludedAt" AS "at",
    0 AS "received",
    0 AS "merged",
    0 AS "accepted",
    0 AS "rejected",
    1 AS "concluded",
    CASE WHEN "dueAt" IS NULL OR "concludedAt" <= "dueAt" THEN 1 ELSE 0 END AS "onTime",
    "concludedAt" - "receivedAt" - "pausedMinutes" * 60000 AS "handlingMs",
    CASE WHEN "pausedMinutes" > 0 THEN 1 ELSE 0 END AS "paused",
    "pausedMinutes" AS "pausedMinutes",
    CASE WHEN "satisfaction" IS NOT NULL THEN 1 ELSE 0 END AS "followedUp",
    CASE WHEN "satisfaction" IN ('满意', '基本满意') THEN 1 ELSE 0 END AS "satisfied",
    CASE WHEN "mediationOutcome" = 'agreement' THEN 1 ELSE 0 END AS "succeeded",
    CASE WHEN "mediationOutcome" = 'failure' THEN 1 ELSE 0 END AS "failed",
    CASE WHEN "mediationOutcome" = 'withdrawn' THEN 1 ELSE 0 END AS "withdrawn",
    0 AS "openStarts",
    0 AS "openEnds",
    0 AS "overdueStarts",
    0 AS "overdueEnds",
    ("concludedAt" - "receivedAt" - "pausedMinutes" * 60000) / 86400000 AS "handlingDays"
  FROM "Case" WHERE "concludedAt" IS NOT NULL
UNION ALL
SELECT "id" AS "caseId",
    "kind" AS "kind",
    strftime('%Y-%m', (CASE WHEN CASE WHEN "concludedAt" IS NULL THEN "rejectedAt" WHEN "rejectedAt" IS NULL OR "concludedAt" < "rejectedAt" THEN "concludedAt" ELSE "rejectedAt" END > "receivedAt" THEN CASE WHEN "concludedAt" IS NULL THEN "rejectedAt" WHEN "rejectedAt" IS NULL OR "concludedAt" < "rejectedAt" THEN "concludedAt" ELSE "rejectedAt" END ELSE "receivedAt" END + 28800000) / 1000, 'unixepoch') AS "month",
    "channel" AS "channel",
    "category" AS "category",
    "townshipId" AS "townshipId",
    CASE WHEN CASE WHEN "concludedAt" IS NULL THEN "rejectedAt" WHEN "rejectedAt" IS NULL OR "concludedAt" < "rejectedAt" THEN "concludedAt" ELSE "rejectedAt" END > "receivedAt" THEN CASE WHEN "concludedAt" IS NULL THEN "rejectedAt" WHEN "rejectedAt" IS NULL OR "concludedAt" < "rejectedAt" THEN "concludedAt" ELSE "rejectedAt" END ELSE "receivedAt" END AS "at",
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
  FROM "Case" WHERE "state" <> 'merged' AND ("concludedAt" IS NOT NULL OR "rejectedAt" IS NOT NULL)
UNION ALL
SELECT "id" AS "caseId",
    "kind" AS "kind",
    strftime('%Y-%m', (CASE WHEN "dueAt" > "receivedAt" THEN "dueAt" ELSE "receivedAt" END + 28800000) / 1000, 'unixepoch') AS "month",
    "channel" AS "channel",
    "category" AS "category",
    "townshipId" AS "townshipId",
    CASE WHEN "dueAt" > "receivedAt" THEN "dueAt" ELSE "receivedAt" END AS "at",
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
  FROM "Case" WHERE "state" <> 'merged' AND "dueAt" IS NOT NULL
UNION ALL
SELECT "id" AS "caseId",
    "kind" AS "kind",
    strftime('%Y-%m', (CASE WHEN CASE WHEN "concludedAt" IS NULL THEN "rejectedAt" WHEN "rejectedAt" IS NULL OR "concludedAt" < "rejectedAt" THEN "concludedAt" ELSE "rejectedAt" END > CASE WHEN "dueAt" > "receivedAt" THEN "dueAt" ELSE "receivedAt" END THEN CASE WHEN "concludedAt" IS NULL THEN "rejectedAt" WHEN "rejectedAt" IS NULL OR "concludedAt" < "rejectedAt" THEN "concludedAt" ELSE "rejectedAt" END ELSE CASE WHEN "dueAt" > "receivedAt" THEN "dueAt" ELSE "receivedAt" END END + 28800000) / 1000, 'unixepoch') AS "month",
    "channel" AS "channel",
    "category" AS "category",
    "townshipId" AS "townshipId",
    CASE WHEN CASE WHEN "concludedAt" IS NULL THEN "rejectedAt" WHEN "rejectedAt" IS NULL OR "concludedAt" < "rejectedAt" THEN "concludedAt" ELSE "rejectedAt" END > CASE WHEN "dueAt" > "receivedAt" THEN "dueAt" ELSE "receivedAt" END THEN CASE WHEN "concludedAt" IS NULL THEN "rejectedAt" WHEN "rejectedAt" IS NULL OR "concludedAt" < "rejectedAt" THEN "concludedAt" ELSE "rejectedAt" END ELSE CASE WHEN "dueAt" > "receivedAt" THEN "dueAt" ELSE "receivedAt" END END AS "at",
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
  FROM "Case" WHERE "state" <> 'merged' AND "dueAt" IS NOT NULL AND ("concludedAt" IS NOT NULL OR "rejectedAt" IS NOT NULL);

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

CREATE TRIGGER "Case_statistics_insert" AFTER INSERT ON "Case" BEGIN
  INSERT INTO "StatisticsMonth" ("kind", "month", "dimension", "value", "received", "merged", "accepted", "rejected", "concluded", "onTime", "handlingMs", "paused", "pausedMinutes", "followedUp", "satisfied", "succeeded", "failed", "withdrawn", "openStarts", "openEnds", "overdueStarts", "overdueEnds")
  SELECT e."kind", e."month", d."dimension", CASE d."dimension" WHEN 'channel' THEN e."channel" WHEN 'category' THEN e."category" WHEN 'townshipId' THEN CAST(e."townshipId" AS TEXT) ELSE CAST(e."handlingDays" AS TEXT) END, SUM(e."received"), SUM(e."merged"), SUM(e."accepted"), SUM(e."rejected"), SUM(e."concluded"), SUM(e."onTime"), SUM(e."handlingMs"), SUM(e."paused"), SUM(e."pausedMinutes"), SUM(e."followedUp"), SUM(e."satisfied"), SUM(e."succeeded"), SUM(e."failed"), SUM(e."withdrawn"), SUM(e."openStarts"), SUM(e."openEnds"), SUM(e."overdueStarts"), SUM(e."overdueEnds")
  FROM "CaseStatisticsEvent" e CROSS JOIN (SELECT 'channel' AS "dimension" UNION ALL SELECT 'category' UNION ALL SELECT 'townshipId' UNION ALL SELECT 'handlingDays') d WHERE (d."dimension" <> 'handlingDays' OR e."concluded" <> 0) AND e."caseId" = new."id"
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
END;
CREATE TRIGGER "Case_statistics_update_before" BEFORE UPDATE OF "kind", "state", "channel", "category", "townshipId", "receivedAt", "acceptedAt", "rejectedAt", "concludedAt", "dueAt", "satisfaction", "mediationOutcome", "pausedMinutes" ON "Case"
WHEN (old."kind" IS NOT new."kind" OR old."state" IS NOT new."state" OR old."channel" IS NOT new."channel" OR old."category" IS NOT new."category" OR old."townshipId" IS NOT new."townshipId" OR old."receivedAt" IS NOT new."receivedAt" OR old."acceptedAt" IS NOT new."acceptedAt" OR old."rejectedAt" IS NOT new."rejectedAt" OR old."concludedAt" IS NOT new."concludedAt" OR old."dueAt" IS NOT new."dueAt" OR old."satisfaction" IS NOT new."satisfaction" OR old."mediationOutcome" IS NOT new."mediationOutcome" OR old."pausedMinutes" IS NOT new."pausedMinutes") BEGIN
  INSERT INTO "StatisticsMonth" ("kind", "month", "dimension", "value", "received", "merged", "accepted", "rejected", "concluded", "onTime", "handlingMs", "paused", "pausedMinutes", "followedUp", "satisfied", "succeeded", "failed", "withdrawn", "openStarts", "openEnds", "overdueStarts", "overdueEnds")
  SELECT e."kind", e."month", d."dimension", CASE d."dimension" WHEN 'channel' THEN e."channel" WHEN 'category' THEN e."category" WHEN 'townshipId' THEN CAST(e."townshipId" AS TEXT) ELSE CAST(e."handlingDays" AS TEXT) END, -SUM(e."received"), -SUM(e."merged"), -SUM(e."accepted"), -SUM(e."rejected"), -SUM(e."concluded"), -SUM(e."onTime"), -SUM(e."handlingMs"), -SUM(e."paused"), -SUM(e."pausedMinutes"), -SUM(e."followedUp"), -SUM(e."satisfied"), -SUM(e."succeeded"), -SUM(e."failed"), -SUM(e."withdrawn"), -SUM(e."openStarts"), -SUM(e."openEnds"), -SUM(e."overdueStarts"), -SUM(e."overdueEnds")
  FROM "CaseStatisticsEvent" e CROSS JOIN (SELECT 'channel' AS "dimension" UNION ALL SELECT 'category' UNION ALL SELECT 'townshipId' UNION ALL SELECT 'handlingDays') d WHERE (d."dimension" <> 'handlingDays' OR e."concluded" <> 0) AND e."caseId" = old."id"
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
END;
CREATE TRIGGER "Case_statistics_update_after" AFTER UPDATE OF "kind", "state", "channel", "category", "townshipId", "receivedAt", "acceptedAt", "rejectedAt", "concludedAt", "dueAt", "satisfaction", "mediationOutcome", "pausedMinutes" ON "Case"
WHEN (old."kind" IS NOT new."kind" OR old."state" IS NOT new."state" OR old."channel" IS NOT new."channel" OR old."category" IS NOT new."category" OR old."townshipId" IS NOT new."townshipId" OR old."receivedAt" IS NOT new."receivedAt" OR old."acceptedAt" IS NOT new."acceptedAt" OR old."rejectedAt" IS NOT new."rejectedAt" OR old."concludedAt" IS NOT new."concludedAt" OR old."dueAt" IS NOT new."dueAt" OR old."satisfaction" IS NOT new."satisfaction" OR old."mediationOutcome" IS NOT new."mediationOutcome" OR old."pausedMinutes" IS NOT new."pausedMinutes") BEGIN
  INSERT INTO "StatisticsMonth" ("kind", "month", "dimension", "value", "received", "merged", "accepted", "rejected", "concluded", "onTime", "handlingMs", "paused", "pausedMinutes", "followedUp", "satisfied", "succeeded", "failed", "withdrawn", "openStarts", "openEnds", "overdueStarts", "overdueEnds")
  SELECT e."kind", e."month", d."dimension", CASE d."dimension" WHEN 'channel' THEN e."channel" WHEN 'category' THEN e."category" WHEN 'townshipId' THEN CAST(e."townshipId" AS TEXT) ELSE CAST(e."handlingDays" AS TEXT) END, SUM(e."received"), SUM(e."merged"), SUM(e."accepted"), SUM(e."rejected"), SUM(e."concluded"), SUM(e."onTime"), SUM(e."handlingMs"), SUM(e."paused"), SUM(e."pausedMinutes"), SUM(e."followedUp"), SUM(e."satisfied"), SUM(e."succeeded"), SUM(e."failed"), SUM(e."withdrawn"), SUM(e."openStarts"), SUM(e."openEnds"), SUM(e."overdueStarts"), SUM(e."overdueEnds")
  FROM "CaseStatisticsEvent" e CROSS JOIN (SELECT 'channel' AS "dimension" UNION ALL SELECT 'category' UNION ALL SELECT 'townshipId' UNION ALL SELECT 'handlingDays') d WHERE (d."dimension" <> 'handlingDays' OR e."concluded" <> 0) AND e."caseId" = new."id"
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
END;
CREATE TRIGGER "Case_statistics_delete" BEFORE DELETE ON "Case" BEGIN
  INSERT INTO "StatisticsMonth" ("kind", "month", "dimension", "value", "received", "merged", "accepted", "rejected", "concluded", "onTime", "handlingMs", "paused", "pausedMinutes", "followedUp", "satisfied", "succeeded", "failed", "withdrawn", "openStarts", "openEnds", "overdueStarts", "overdueEnds")
  SELECT e."kind", e."month", d."dimension", CASE d."dimension" WHEN 'channel' THEN e."channel" WHEN 'category' THEN e."category" WHEN 'townshipId' THEN CAST(e."townshipId" AS TEXT) ELSE CAST(e."handlingDays" AS TEXT) END, -SUM(e."received"), -SUM(e."merged"), -SUM(e."accepted"), -SUM(e."rejected"), -SUM(e."concluded"), -SUM(e."onTime"), -SUM(e."handlingMs"), -SUM(e."paused"), -SUM(e."pausedMinutes"), -SUM(e."followedUp"), -SUM(e."satisfied"), -SUM(e."succeeded"), -SUM(e."failed"), -SUM(e."withdrawn"), -SUM(e."openStarts"), -SUM(e."openEnds"), -SUM(e."overdueStarts"), -SUM(e."overdueEnds")
  FROM "CaseStatisticsEvent" e CROSS JOIN (SELECT 'channel' AS "dimension" UNION ALL SELECT 'category' UNION ALL SELECT 'townshipId' UNION ALL SELECT 'handlingDays') d WHERE (d."dimension" <> 'handlingDays' OR e."concluded" <> 0) AND e."caseId" = old."id"
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
END;
