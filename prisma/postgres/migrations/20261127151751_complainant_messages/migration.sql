-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "ratedRound" INTEGER,
ADD COLUMN     "refusesMessages" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "satisfactionComment" TEXT,
ADD COLUMN     "satisfactionSource" TEXT;

-- CreateTable
CREATE TABLE "ComplainantMessage" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "eventId" TEXT NOT NULL,
    "gatewayStatus" TEXT,
    "gatewayDetail" TEXT,
    "confirmedAt" TIMESTAMP(3),

    CONSTRAINT "ComplainantMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ComplainantMessage_eventId_key" ON "ComplainantMessage"("eventId");

-- CreateIndex
CREATE INDEX "ComplainantMessage_caseId_id_idx" ON "ComplainantMessage"("caseId", "id");

-- AddForeignKey
ALTER TABLE "ComplainantMessage" ADD CONSTRAINT "ComplainantMessage_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

