-- DropIndex
DROP INDEX "CaseMilestone_status_warningAt_idx";

-- DropIndex
DROP INDEX "CaseMilestone_status_dueAt_idx";

-- DropIndex
DROP INDEX "CaseMilestone_status_supervisionAt_idx";

-- AlterTable
ALTER TABLE "CaseMilestone" ADD COLUMN "nextStep" TEXT;
ALTER TABLE "CaseMilestone" ADD COLUMN "nextStepAt" DATETIME;

-- CreateIndex
CREATE INDEX "CaseMilestone_status_nextStepAt_idx" ON "CaseMilestone"("status", "nextStepAt");


-- Hand-written: each milestone's next step from the steps already recorded.
UPDATE "CaseMilestone" SET "nextStep" = CASE
  WHEN NOT EXISTS (SELECT 1 FROM "DeadlineStep" s WHERE s."caseId" = "CaseMilestone"."caseId" AND s."round" = "CaseMilestone"."round"
                   AND s."milestone" = "CaseMilestone"."milestone" AND s."step" = 'warning') THEN 'warning'
  WHEN NOT EXISTS (SELECT 1 FROM "DeadlineStep" s WHERE s."caseId" = "CaseMilestone"."caseId" AND s."round" = "CaseMilestone"."round"
                   AND s."milestone" = "CaseMilestone"."milestone" AND s."step" = 'overdue') THEN 'overdue'
  WHEN NOT EXISTS (SELECT 1 FROM "DeadlineStep" s WHERE s."caseId" = "CaseMilestone"."caseId" AND s."round" = "CaseMilestone"."round"
                   AND s."milestone" = "CaseMilestone"."milestone" AND s."step" = 'supervision') THEN 'supervision'
  ELSE NULL END;
UPDATE "CaseMilestone" SET "nextStepAt" = CASE "nextStep"
  WHEN 'warning' THEN "warningAt" WHEN 'overdue' THEN "dueAt" WHEN 'supervision' THEN "supervisionAt" ELSE NULL END;
