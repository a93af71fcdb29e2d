-- DropIndex
DROP INDEX "Case_state_nextDueAt_overdue_idx";

-- CreateIndex
CREATE INDEX "Case_state_nextDueAt_overdue_assignedToId_townshipId_idx" ON "Case"("state", "nextDueAt", "overdue", "assignedToId", "townshipId");

