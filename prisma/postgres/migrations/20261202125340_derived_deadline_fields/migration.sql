-- Derived deadline fields (docs/domain.md "Derived deadline fields"): the case's earliest warning
-- instant, and a fired step names both its own instant (stepAt, the old dueAt) and its milestone's due.
ALTER TABLE "Case" ADD COLUMN     "nextWarningAt" TIMESTAMP(3);

ALTER TABLE "DeadlineStep" ADD COLUMN     "stepAt" TIMESTAMP(3);
UPDATE "DeadlineStep" s SET "stepAt" = s."dueAt",
  "dueAt" = COALESCE((SELECT m."dueAt" FROM "CaseMilestone" m
                       WHERE m."caseId" = s."caseId" AND m."round" = s."round" AND m."milestone" = s."milestone"), s."dueAt");
ALTER TABLE "DeadlineStep" ALTER COLUMN "stepAt" SET NOT NULL;

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
