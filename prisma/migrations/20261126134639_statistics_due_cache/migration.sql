-- AlterTable
ALTER TABLE "Case" ADD COLUMN "dueAt" DATETIME;
ALTER TABLE "Case" ADD COLUMN "mediationOutcome" TEXT;

-- AlterTable
ALTER TABLE "CaseMilestone" ADD COLUMN "fixedDueAt" DATETIME;

-- CreateIndex
CREATE INDEX "Case_statistics_received" ON "Case"("kind", "receivedAt", "state", "concludedAt", "rejectedAt", "dueAt", "channel", "category", "townshipId");

-- CreateIndex
CREATE INDEX "Case_statistics_concluded" ON "Case"("kind", "concludedAt", "dueAt", "receivedAt", "channel", "category", "townshipId", "satisfaction", "mediationOutcome");

-- CreateIndex
CREATE INDEX "Case_statistics_accepted" ON "Case"("kind", "acceptedAt");

-- CreateIndex
CREATE INDEX "Case_statistics_rejected" ON "Case"("kind", "rejectedAt");


-- Hand-written: fill the conclusion due cache from each case's current round.
UPDATE "Case" SET "dueAt" = (
  SELECT m."dueAt" FROM "CaseMilestone" m
  WHERE m."caseId" = "Case"."id" AND m."round" = "Case"."round" AND m."milestone" = 'conclude'
);
