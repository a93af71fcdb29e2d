-- AlterTable
ALTER TABLE "Extension" ADD COLUMN "partyNotice" TEXT;

-- CreateTable
CREATE TABLE "CaseParty" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "address" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "CaseParty_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MediationSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "scheduledAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "attendees" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "MediationSession_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementObligation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "party" TEXT NOT NULL,
    "obligation" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "performedAt" DATETIME,
    "followUp" TEXT,
    CONSTRAINT "AgreementObligation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_MediationSessionToUser" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_MediationSessionToUser_A_fkey" FOREIGN KEY ("A") REFERENCES "MediationSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_MediationSessionToUser_B_fkey" FOREIGN KEY ("B") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseNo" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "round" INTEGER NOT NULL DEFAULT 1,
    "channel" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "urgency" TEXT NOT NULL DEFAULT 'normal',
    "townshipId" INTEGER NOT NULL,
    "assignedToId" INTEGER,
    "receivedAt" DATETIME NOT NULL,
    "complainantName" TEXT,
    "complainantPhone" TEXT,
    "consentToDisclose" BOOLEAN NOT NULL DEFAULT false,
    "subject" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL,
    "resultText" TEXT,
    "replyText" TEXT,
    "decisionReason" TEXT,
    "satisfaction" TEXT,
    "acceptedAt" DATETIME,
    "rejectedAt" DATETIME,
    "concludedAt" DATETIME,
    "closedAt" DATETIME,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "nextDueAt" DATETIME,
    "dueAt" DATETIME,
    "mediationOutcome" TEXT,
    "decisionLetterAt" DATETIME,
    "claim" TEXT,
    "outcomeText" TEXT,
    "relatedCaseId" INTEGER,
    "mergedIntoId" INTEGER,
    "policyId" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "Township" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_relatedCaseId_fkey" FOREIGN KEY ("relatedCaseId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "DeadlinePolicy" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("acceptedAt", "address", "assignedToId", "caseNo", "category", "channel", "closedAt", "complainantName", "complainantPhone", "concludedAt", "consentToDisclose", "createdAt", "createdById", "decisionReason", "description", "dueAt", "id", "kind", "mediationOutcome", "mergedIntoId", "nextDueAt", "overdue", "policyId", "receivedAt", "rejectedAt", "replyText", "resultText", "round", "satisfaction", "seq", "state", "subject", "townshipId", "updatedAt", "urgency", "version", "year") SELECT "acceptedAt", "address", "assignedToId", "caseNo", "category", "channel", "closedAt", "complainantName", "complainantPhone", "concludedAt", "consentToDisclose", "createdAt", "createdById", "decisionReason", "description", "dueAt", "id", "kind", "mediationOutcome", "mergedIntoId", "nextDueAt", "overdue", "policyId", "receivedAt", "rejectedAt", "replyText", "resultText", "round", "satisfaction", "seq", "state", "subject", "townshipId", "updatedAt", "urgency", "version", "year" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_caseNo_key" ON "Case"("caseNo");
CREATE INDEX "Case_state_receivedAt_idx" ON "Case"("state", "receivedAt");
CREATE INDEX "Case_assignedToId_state_idx" ON "Case"("assignedToId", "state");
CREATE INDEX "Case_complainantPhone_idx" ON "Case"("complainantPhone");
CREATE INDEX "Case_townshipId_category_receivedAt_idx" ON "Case"("townshipId", "category", "receivedAt");
CREATE INDEX "Case_receivedAt_idx" ON "Case"("receivedAt");
CREATE INDEX "Case_state_nextDueAt_idx" ON "Case"("state", "nextDueAt");
CREATE INDEX "Case_statistics_received" ON "Case"("kind", "receivedAt", "state", "concludedAt", "rejectedAt", "dueAt", "channel", "category", "townshipId");
CREATE INDEX "Case_statistics_concluded" ON "Case"("kind", "concludedAt", "dueAt", "receivedAt", "channel", "category", "townshipId", "satisfaction", "mediationOutcome");
CREATE INDEX "Case_statistics_accepted" ON "Case"("kind", "acceptedAt");
CREATE INDEX "Case_statistics_rejected" ON "Case"("kind", "rejectedAt");
CREATE UNIQUE INDEX "Case_kind_year_seq_key" ON "Case"("kind", "year", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CaseParty_caseId_idx" ON "CaseParty"("caseId");

-- CreateIndex
CREATE INDEX "MediationSession_caseId_idx" ON "MediationSession"("caseId");

-- CreateIndex
CREATE INDEX "MediationSession_status_scheduledAt_idx" ON "MediationSession"("status", "scheduledAt");

-- CreateIndex
CREATE INDEX "AgreementObligation_caseId_idx" ON "AgreementObligation"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "_MediationSessionToUser_AB_unique" ON "_MediationSessionToUser"("A", "B");

-- CreateIndex
CREATE INDEX "_MediationSessionToUser_B_index" ON "_MediationSessionToUser"("B");

