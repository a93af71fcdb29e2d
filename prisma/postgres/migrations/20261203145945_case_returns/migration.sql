-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "leadUnitId" INTEGER,
ADD COLUMN     "problemSince" TIMESTAMP(3),
ADD COLUMN     "unitChanges" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CaseReturn" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "fromUnitId" INTEGER NOT NULL,
    "returnedById" INTEGER NOT NULL,
    "returnedAt" TIMESTAMP(3) NOT NULL,
    "ground" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "suggestedUnitId" INTEGER,
    "warningAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "supervisionAt" TIMESTAMP(3) NOT NULL,
    "nextStep" TEXT,
    "nextStepAt" TIMESTAMP(3),
    "decision" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" INTEGER,
    "decidedUnitId" INTEGER,
    "decisionReason" TEXT,

    CONSTRAINT "CaseReturn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseReturn_caseId_idx" ON "CaseReturn"("caseId");

-- CreateIndex
CREATE INDEX "CaseReturn_decidedAt_nextStepAt_idx" ON "CaseReturn"("decidedAt", "nextStepAt");

-- CreateIndex
CREATE INDEX "CaseReturn_returnedAt_idx" ON "CaseReturn"("returnedAt");

-- AddForeignKey
ALTER TABLE "CaseReturn" ADD CONSTRAINT "CaseReturn_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReturn" ADD CONSTRAINT "CaseReturn_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReturn" ADD CONSTRAINT "CaseReturn_returnedById_fkey" FOREIGN KEY ("returnedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReturn" ADD CONSTRAINT "CaseReturn_suggestedUnitId_fkey" FOREIGN KEY ("suggestedUnitId") REFERENCES "Township"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReturn" ADD CONSTRAINT "CaseReturn_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReturn" ADD CONSTRAINT "CaseReturn_decidedUnitId_fkey" FOREIGN KEY ("decidedUnitId") REFERENCES "Township"("id") ON DELETE SET NULL ON UPDATE CASCADE;

