-- Derived deadline fields (docs/domain.md "Derived deadline fields"): the case's earliest warning
-- instant, and a fired step names both its own instant (stepAt, the old dueAt) and its milestone's due.
ALTER TABLE "Case" ADD COLUMN "nextWarningAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DeadlineStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "milestone" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "stepAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "firedAt" DATETIME NOT NULL,
    CONSTRAINT "DeadlineStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_DeadlineStep" ("caseId", "stepAt", "dueAt", "firedAt", "id", "milestone", "round", "step")
SELECT s."caseId", s."dueAt", COALESCE(m."dueAt", s."dueAt"), s."firedAt", s."id", s."milestone", s."round", s."step"
  FROM "DeadlineStep" s
  LEFT JOIN "CaseMilestone" m ON m."caseId" = s."caseId" AND m."round" = s."round" AND m."milestone" = s."milestone";
DROP TABLE "DeadlineStep";
ALTER TABLE "new_DeadlineStep" RENAME TO "DeadlineStep";
CREATE UNIQUE INDEX "DeadlineStep_caseId_round_milestone_step_key" ON "DeadlineStep"("caseId", "round", "milestone", "step");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

CREATE INDEX "Case_state_nextWarningAt_idx" ON "Case"("state", "nextWarningAt");

-- The derivation of app/domain/case-deadlines.ts, once, for the cases already there.
UPDATE "Case" SET "nextWarningAt" = (
  SELECT MIN(m."warningAt") FROM "CaseMilestone" m WHERE m."caseId" = "Case"."id" AND m."status" = 'open'
);
UPDATE "Case" SET "overdue" = CASE
  WHEN EXISTS (SELECT 1 FROM "CaseMilestone" c WHERE c."caseId" = "Case"."id" AND c."round" = "Case"."round"
                  AND c."milestone" = 'conclude' AND c."status" = 'met' AND c."metAt" IS NOT NULL)
  THEN EXISTS (SELECT 1 FROM "CaseMilestone" c WHERE c."caseId" = "Case"."id" AND c."round" = "Case"."round"
                  AND c."milestone" = 'conclude' AND c."metAt" > c."dueAt")
  ELSE EXISTS (SELECT 1 FROM "CaseMilestone" m WHERE m."caseId" = "Case"."id" AND m."round" = "Case"."round"
                  AND ((m."status" = 'open' AND (m."nextStep" IS NULL OR m."nextStep" = 'supervision'))
                    OR (m."status" <> 'open' AND m."metAt" IS NOT NULL AND m."metAt" > m."dueAt")))
END;
