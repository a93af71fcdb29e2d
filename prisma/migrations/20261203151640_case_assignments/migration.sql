-- CreateTable
CREATE TABLE "CaseAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "assignedAt" DATETIME NOT NULL,
    "answerDueAt" DATETIME NOT NULL,
    "signedForAt" DATETIME,
    "endedAt" DATETIME,
    "endReason" TEXT,
    "submissions" INTEGER NOT NULL DEFAULT 0,
    "sendBacks" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CaseAssignment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseAssignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CaseAssignment_caseId_endedAt_idx" ON "CaseAssignment"("caseId", "endedAt");

-- CreateIndex
CREATE INDEX "CaseAssignment_assignedAt_unitId_idx" ON "CaseAssignment"("assignedAt", "unitId");

