-- CreateTable
CREATE TABLE "Township" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'township',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "Channel" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "Category" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "townshipId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HolidayDate" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "name" TEXT,
    "scheduleYear" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "DeadlinePolicy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT,
    "category" TEXT,
    "urgency" TEXT,
    "effectiveFrom" DATETIME NOT NULL,
    "rules" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CaseSequence" (
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "lastSeq" INTEGER NOT NULL,

    PRIMARY KEY ("kind", "year")
);

-- CreateTable
CREATE TABLE "Case" (
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
    "mergedIntoId" INTEGER,
    "policyId" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "Township" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "DeadlinePolicy" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseMilestone" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "milestone" TEXT NOT NULL,
    "startAt" DATETIME NOT NULL,
    "amount" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "extendedBy" INTEGER NOT NULL DEFAULT 0,
    "warningAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "supervisionAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "metAt" DATETIME,
    CONSTRAINT "CaseMilestone_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeadlineStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "milestone" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "firedAt" DATETIME NOT NULL,
    CONSTRAINT "DeadlineStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Extension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "milestone" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    CONSTRAINT "Extension_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER,
    "actorId" INTEGER,
    "at" DATETIME NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT,
    "before" TEXT,
    "after" TEXT,
    CONSTRAINT "AuditEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Township_name_key" ON "Township"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Channel_name_key" ON "Channel"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "HolidayDate_scheduleYear_idx" ON "HolidayDate"("scheduleYear");

-- CreateIndex
CREATE UNIQUE INDEX "Case_caseNo_key" ON "Case"("caseNo");

-- CreateIndex
CREATE INDEX "Case_state_receivedAt_idx" ON "Case"("state", "receivedAt");

-- CreateIndex
CREATE INDEX "Case_assignedToId_state_idx" ON "Case"("assignedToId", "state");

-- CreateIndex
CREATE INDEX "Case_complainantPhone_idx" ON "Case"("complainantPhone");

-- CreateIndex
CREATE INDEX "Case_townshipId_category_receivedAt_idx" ON "Case"("townshipId", "category", "receivedAt");

-- CreateIndex
CREATE INDEX "Case_receivedAt_idx" ON "Case"("receivedAt");

-- CreateIndex
CREATE INDEX "Case_state_nextDueAt_idx" ON "Case"("state", "nextDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Case_kind_year_seq_key" ON "Case"("kind", "year", "seq");

-- CreateIndex
CREATE INDEX "CaseMilestone_status_warningAt_idx" ON "CaseMilestone"("status", "warningAt");

-- CreateIndex
CREATE INDEX "CaseMilestone_status_dueAt_idx" ON "CaseMilestone"("status", "dueAt");

-- CreateIndex
CREATE INDEX "CaseMilestone_status_supervisionAt_idx" ON "CaseMilestone"("status", "supervisionAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseMilestone_caseId_round_milestone_key" ON "CaseMilestone"("caseId", "round", "milestone");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineStep_caseId_round_milestone_step_key" ON "DeadlineStep"("caseId", "round", "milestone", "step");

-- CreateIndex
CREATE INDEX "Extension_caseId_status_idx" ON "Extension"("caseId", "status");

-- CreateIndex
CREATE INDEX "AuditEvent_caseId_id_idx" ON "AuditEvent"("caseId", "id");


-- Hand-written: the audit trail is append-only (DOMAIN.md: "Nothing is ever deleted").
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
