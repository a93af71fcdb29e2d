-- CreateTable
CREATE TABLE "UnitCard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "colour" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "penaltyDecisionNo" TEXT,
    "followsId" INTEGER,
    "issuedAt" DATETIME NOT NULL,
    "issuedById" INTEGER NOT NULL,
    "rectifyWorkingDays" INTEGER NOT NULL,
    "warningAt" DATETIME NOT NULL,
    "rectifyBy" DATETIME NOT NULL,
    "supervisionAt" DATETIME NOT NULL,
    "nextStep" TEXT,
    "nextStepAt" DATETIME,
    "state" TEXT NOT NULL,
    "outcomeAt" DATETIME,
    "outcomeText" TEXT,
    "liftedAt" DATETIME,
    "liftReason" TEXT,
    CONSTRAINT "UnitCard_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "RegulatedUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "UnitCard_followsId_fkey" FOREIGN KEY ("followsId") REFERENCES "UnitCard" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "UnitCard_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable: a column added in place, which keeps the append-only triggers of "AuditEvent" (a redefinition
-- would drop them and copy the whole trail).
ALTER TABLE "AuditEvent" ADD COLUMN "cardId" INTEGER REFERENCES "UnitCard" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "AuditEvent_cardId_id_idx" ON "AuditEvent"("cardId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "UnitCard_followsId_key" ON "UnitCard"("followsId");

-- CreateIndex
CREATE INDEX "UnitCard_unitId_issuedAt_idx" ON "UnitCard"("unitId", "issuedAt");

-- CreateIndex
CREATE INDEX "UnitCard_state_nextStepAt_idx" ON "UnitCard"("state", "nextStepAt");

-- CreateIndex
CREATE INDEX "UnitCard_issuedAt_idx" ON "UnitCard"("issuedAt");

