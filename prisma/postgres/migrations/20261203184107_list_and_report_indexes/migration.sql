-- DropIndex
DROP INDEX "Case_state_nextDueAt_idx";

-- DropIndex
DROP INDEX "Case_statistics_received";

-- CreateIndex
CREATE INDEX "Case_state_nextDueAt_overdue_idx" ON "Case"("state", "nextDueAt", "overdue");

-- CreateIndex
CREATE INDEX "Case_statistics_received" ON "Case"("kind", "receivedAt", "state", "concludedAt", "rejectedAt", "dueAt", "channel", "category", "townshipId", "respondentId");

-- CreateIndex
CREATE INDEX "Case_ranking_concluded" ON "Case"("kind", "concludedAt", "assignedToId", "dueAt", "round", "satisfaction", "respondentId", "category");

-- CreateIndex
CREATE INDEX "Extension_status_idx" ON "Extension"("status");

-- Hand-written: the conclusions by whole days of handling time, in handling-time order within a day, so
-- that the statistics' median reads one day's handling times (docs/decisions/0024). The expressions are
-- the ones app/models/statistics/figures.server.ts writes (`handlingDaysOf`, `handlingMsOf`).
CREATE INDEX "Case_statistics_handling" ON "Case"(
  "kind",
  (CAST((EXTRACT(EPOCH FROM "concludedAt") * 1000) - (EXTRACT(EPOCH FROM "receivedAt") * 1000) - "pausedMinutes" * CAST(60000 AS BIGINT) AS BIGINT) / 86400000),
  "concludedAt",
  ((EXTRACT(EPOCH FROM "concludedAt") * 1000) - (EXTRACT(EPOCH FROM "receivedAt") * 1000) - "pausedMinutes" * CAST(60000 AS BIGINT))
);
