-- CreateTable
CREATE TABLE "CaseReturn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "fromUnitId" INTEGER NOT NULL,
    "returnedById" INTEGER NOT NULL,
    "returnedAt" DATETIME NOT NULL,
    "ground" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "suggestedUnitId" INTEGER,
    "warningAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "supervisionAt" DATETIME NOT NULL,
    "nextStep" TEXT,
    "nextStepAt" DATETIME,
    "decision" TEXT,
    "decidedAt" DATETIME,
    "decidedById" INTEGER,
    "decidedUnitId" INTEGER,
    "decisionReason" TEXT,
    CONSTRAINT "CaseReturn_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseReturn_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseReturn_returnedById_fkey" FOREIGN KEY ("returnedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseReturn_suggestedUnitId_fkey" FOREIGN KEY ("suggestedUnitId") REFERENCES "Township" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CaseReturn_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CaseReturn_decidedUnitId_fkey" FOREIGN KEY ("decidedUnitId") REFERENCES "Township" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- New columns of "Case", added in place: a redefinition would drop the table's triggers.
ALTER TABLE "Case" ADD COLUMN "leadUnitId" INTEGER;
ALTER TABLE "Case" ADD COLUMN "unitChanges" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Case" ADD COLUMN "problemSince" DATETIME;

-- CreateIndex
CREATE INDEX "CaseReturn_caseId_idx" ON "CaseReturn"("caseId");

-- CreateIndex
CREATE INDEX "CaseReturn_decidedAt_nextStepAt_idx" ON "CaseReturn"("decidedAt", "nextStepAt");

-- CreateIndex
CREATE INDEX "CaseReturn_returnedAt_idx" ON "CaseReturn"("returnedAt");

