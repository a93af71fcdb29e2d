-- CreateTable
CREATE TABLE "AssistingPart" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "instruction" TEXT NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "warningAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "supervisionAt" DATETIME NOT NULL,
    "nextStep" TEXT,
    "nextStepAt" DATETIME,
    "partText" TEXT,
    "submittedAt" DATETIME,
    "submittedById" INTEGER,
    CONSTRAINT "AssistingPart_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssistingPart_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssistingPart_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssistingPart_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AssistingPart_unitId_submittedAt_idx" ON "AssistingPart"("unitId", "submittedAt");

-- CreateIndex
CREATE INDEX "AssistingPart_submittedAt_nextStepAt_idx" ON "AssistingPart"("submittedAt", "nextStepAt");

-- CreateIndex
CREATE UNIQUE INDEX "AssistingPart_caseId_round_unitId_key" ON "AssistingPart"("caseId", "round", "unitId");

