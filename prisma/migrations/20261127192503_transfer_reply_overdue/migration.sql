-- AlterTable
ALTER TABLE "CaseTransfer" ADD COLUMN "overdueNotifiedAt" DATETIME;

-- CreateIndex
CREATE INDEX "CaseTransfer_repliedAt_replyDueAt_idx" ON "CaseTransfer"("repliedAt", "replyDueAt");

