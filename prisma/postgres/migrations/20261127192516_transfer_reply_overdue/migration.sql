-- AlterTable
ALTER TABLE "CaseTransfer" ADD COLUMN     "overdueNotifiedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "CaseTransfer_repliedAt_replyDueAt_idx" ON "CaseTransfer"("repliedAt", "replyDueAt");

