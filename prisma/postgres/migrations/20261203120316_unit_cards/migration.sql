-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "cardId" INTEGER;

-- CreateTable
CREATE TABLE "UnitCard" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "colour" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "penaltyDecisionNo" TEXT,
    "followsId" INTEGER,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "issuedById" INTEGER NOT NULL,
    "rectifyWorkingDays" INTEGER NOT NULL,
    "warningAt" TIMESTAMP(3) NOT NULL,
    "rectifyBy" TIMESTAMP(3) NOT NULL,
    "supervisionAt" TIMESTAMP(3) NOT NULL,
    "nextStep" TEXT,
    "nextStepAt" TIMESTAMP(3),
    "state" TEXT NOT NULL,
    "outcomeAt" TIMESTAMP(3),
    "outcomeText" TEXT,
    "liftedAt" TIMESTAMP(3),
    "liftReason" TEXT,

    CONSTRAINT "UnitCard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UnitCard_followsId_key" ON "UnitCard"("followsId");

-- CreateIndex
CREATE INDEX "UnitCard_unitId_issuedAt_idx" ON "UnitCard"("unitId", "issuedAt");

-- CreateIndex
CREATE INDEX "UnitCard_state_nextStepAt_idx" ON "UnitCard"("state", "nextStepAt");

-- CreateIndex
CREATE INDEX "UnitCard_issuedAt_idx" ON "UnitCard"("issuedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_cardId_id_idx" ON "AuditEvent"("cardId", "id");

-- AddForeignKey
ALTER TABLE "UnitCard" ADD CONSTRAINT "UnitCard_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "RegulatedUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitCard" ADD CONSTRAINT "UnitCard_followsId_fkey" FOREIGN KEY ("followsId") REFERENCES "UnitCard"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitCard" ADD CONSTRAINT "UnitCard_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "UnitCard"("id") ON DELETE SET NULL ON UPDATE CASCADE;

