-- CreateTable
CREATE TABLE "CaseAssignment" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "answerDueAt" TIMESTAMP(3) NOT NULL,
    "signedForAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "submissions" INTEGER NOT NULL DEFAULT 0,
    "sendBacks" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CaseAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseAssignment_caseId_endedAt_idx" ON "CaseAssignment"("caseId", "endedAt");

-- CreateIndex
CREATE INDEX "CaseAssignment_assignedAt_unitId_idx" ON "CaseAssignment"("assignedAt", "unitId");

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

