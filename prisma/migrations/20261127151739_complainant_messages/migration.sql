-- CreateTable
CREATE TABLE "ComplainantMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "eventId" TEXT NOT NULL,
    "gatewayStatus" TEXT,
    "gatewayDetail" TEXT,
    "confirmedAt" DATETIME,
    CONSTRAINT "ComplainantMessage_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable (columns added in place: redefining "Case" would drop its text-search triggers)
ALTER TABLE "Case" ADD COLUMN "refusesMessages" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Case" ADD COLUMN "satisfactionSource" TEXT;
ALTER TABLE "Case" ADD COLUMN "satisfactionComment" TEXT;
ALTER TABLE "Case" ADD COLUMN "ratedRound" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "ComplainantMessage_eventId_key" ON "ComplainantMessage"("eventId");
CREATE INDEX "ComplainantMessage_caseId_id_idx" ON "ComplainantMessage"("caseId", "id");
