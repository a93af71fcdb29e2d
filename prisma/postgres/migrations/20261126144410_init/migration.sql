-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Township" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'township',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Township_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Channel" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "townshipId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HolidayDate" (
    "date" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT,
    "scheduleYear" INTEGER NOT NULL,

    CONSTRAINT "HolidayDate_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "DeadlinePolicy" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT,
    "category" TEXT,
    "urgency" TEXT,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "rules" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlinePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseSequence" (
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "lastSeq" INTEGER NOT NULL,

    CONSTRAINT "CaseSequence_pkey" PRIMARY KEY ("kind","year")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" SERIAL NOT NULL,
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
    "receivedAt" TIMESTAMP(3) NOT NULL,
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
    "acceptedAt" TIMESTAMP(3),
    "rejectedAt" TIMESTAMP(3),
    "concludedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "nextDueAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "mediationOutcome" TEXT,
    "decisionLetterAt" TIMESTAMP(3),
    "claim" TEXT,
    "outcomeText" TEXT,
    "relatedCaseId" INTEGER,
    "mergedIntoId" INTEGER,
    "policyId" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseMilestone" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "milestone" TEXT NOT NULL,
    "startAt" TIMESTAMP(3) NOT NULL,
    "amount" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "extendedBy" INTEGER NOT NULL DEFAULT 0,
    "fixedDueAt" TIMESTAMP(3),
    "warningAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "supervisionAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "metAt" TIMESTAMP(3),
    "nextStep" TEXT,
    "nextStepAt" TIMESTAMP(3),

    CONSTRAINT "CaseMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineStep" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "milestone" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeadlineStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Extension" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "milestone" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "partyNotice" TEXT,

    CONSTRAINT "Extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER,
    "actorId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "caseId" INTEGER,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionInstruction" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" INTEGER,

    CONSTRAINT "SupervisionInstruction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" SERIAL NOT NULL,
    "eventId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseParty" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "address" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CaseParty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MediationSession" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "attendees" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MediationSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementObligation" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "party" TEXT NOT NULL,
    "obligation" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "performedAt" TIMESTAMP(3),
    "followUp" TEXT,

    CONSTRAINT "AgreementObligation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_MediationSessionToUser" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_MediationSessionToUser_AB_pkey" PRIMARY KEY ("A","B")
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
CREATE INDEX "Case_statistics_received" ON "Case"("kind", "receivedAt", "state", "concludedAt", "rejectedAt", "dueAt", "channel", "category", "townshipId");

-- CreateIndex
CREATE INDEX "Case_statistics_concluded" ON "Case"("kind", "concludedAt", "dueAt", "receivedAt", "channel", "category", "townshipId", "satisfaction", "mediationOutcome");

-- CreateIndex
CREATE INDEX "Case_statistics_accepted" ON "Case"("kind", "acceptedAt");

-- CreateIndex
CREATE INDEX "Case_statistics_rejected" ON "Case"("kind", "rejectedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Case_kind_year_seq_key" ON "Case"("kind", "year", "seq");

-- CreateIndex
CREATE INDEX "CaseMilestone_status_nextStepAt_idx" ON "CaseMilestone"("status", "nextStepAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseMilestone_caseId_round_milestone_key" ON "CaseMilestone"("caseId", "round", "milestone");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineStep_caseId_round_milestone_step_key" ON "DeadlineStep"("caseId", "round", "milestone", "step");

-- CreateIndex
CREATE INDEX "Extension_caseId_status_idx" ON "Extension"("caseId", "status");

-- CreateIndex
CREATE INDEX "AuditEvent_caseId_id_idx" ON "AuditEvent"("caseId", "id");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_id_idx" ON "Notification"("userId", "readAt", "id");

-- CreateIndex
CREATE INDEX "SupervisionInstruction_caseId_acknowledgedAt_idx" ON "SupervisionInstruction"("caseId", "acknowledgedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_eventId_key" ON "WebhookDelivery"("eventId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_id_idx" ON "WebhookDelivery"("status", "id");

-- CreateIndex
CREATE INDEX "CaseParty_caseId_idx" ON "CaseParty"("caseId");

-- CreateIndex
CREATE INDEX "MediationSession_caseId_idx" ON "MediationSession"("caseId");

-- CreateIndex
CREATE INDEX "MediationSession_status_scheduledAt_idx" ON "MediationSession"("status", "scheduledAt");

-- CreateIndex
CREATE INDEX "AgreementObligation_caseId_idx" ON "AgreementObligation"("caseId");

-- CreateIndex
CREATE INDEX "_MediationSessionToUser_B_index" ON "_MediationSessionToUser"("B");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "Township"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_relatedCaseId_fkey" FOREIGN KEY ("relatedCaseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "DeadlinePolicy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMilestone" ADD CONSTRAINT "CaseMilestone_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineStep" ADD CONSTRAINT "DeadlineStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Extension" ADD CONSTRAINT "Extension_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionInstruction" ADD CONSTRAINT "SupervisionInstruction_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionInstruction" ADD CONSTRAINT "SupervisionInstruction_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseParty" ADD CONSTRAINT "CaseParty_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediationSession" ADD CONSTRAINT "MediationSession_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementObligation" ADD CONSTRAINT "AgreementObligation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_MediationSessionToUser" ADD CONSTRAINT "_MediationSessionToUser_A_fkey" FOREIGN KEY ("A") REFERENCES "MediationSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_MediationSessionToUser" ADD CONSTRAINT "_MediationSessionToUser_B_fkey" FOREIGN KEY ("B") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the audit trail is append-only (as the SQLite triggers of the first SQLite migration).
CREATE FUNCTION "audit_events_are_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only';
END;
$$;
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_are_append_only"();
