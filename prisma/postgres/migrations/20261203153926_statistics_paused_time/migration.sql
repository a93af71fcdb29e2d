-- DropIndex
DROP INDEX "Case_statistics_concluded";

-- CreateIndex
CREATE INDEX "Case_statistics_concluded" ON "Case"("kind", "concludedAt", "dueAt", "receivedAt", "channel", "category", "townshipId", "satisfaction", "mediationOutcome", "pausedMinutes");

