-- AlterTable
ALTER TABLE "ReplyTemplate" ADD COLUMN     "submissionKey" TEXT;

-- AlterTable
ALTER TABLE "KnowledgeEntry" ADD COLUMN     "submissionKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ReplyTemplate_submissionKey_key" ON "ReplyTemplate"("submissionKey");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeEntry_submissionKey_key" ON "KnowledgeEntry"("submissionKey");

