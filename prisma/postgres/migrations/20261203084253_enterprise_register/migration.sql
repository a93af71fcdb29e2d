-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "respondentId" INTEGER;

-- CreateTable
CREATE TABLE "RegulatedUnit" (
    "id" SERIAL NOT NULL,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "formerNames" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "industry" TEXT NOT NULL,
    "permitNo" TEXT NOT NULL DEFAULT '',
    "keyDischarge" BOOLEAN NOT NULL DEFAULT false,
    "randomInspection" BOOLEAN NOT NULL DEFAULT false,
    "positiveList" BOOLEAN NOT NULL DEFAULT false,
    "onlineMonitoring" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegulatedUnit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RegulatedUnit_creditCode_key" ON "RegulatedUnit"("creditCode");

-- CreateIndex
CREATE INDEX "RegulatedUnit_name_idx" ON "RegulatedUnit"("name");

-- CreateIndex
CREATE INDEX "RegulatedUnit_townshipId_name_idx" ON "RegulatedUnit"("townshipId", "name");

-- CreateIndex
CREATE INDEX "Case_respondentId_receivedAt_idx" ON "Case"("respondentId", "receivedAt");

-- AddForeignKey
ALTER TABLE "RegulatedUnit" ADD CONSTRAINT "RegulatedUnit_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_respondentId_fkey" FOREIGN KEY ("respondentId") REFERENCES "RegulatedUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

