-- CreateTable
CREATE TABLE "RegulatedUnit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RegulatedUnit_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AddColumn: added in place rather than by redefining "Case", which would drop its text-search
-- triggers (20261126145950_case_text_search). SQLite allows a new column with a foreign key when its
-- default is NULL.
ALTER TABLE "Case" ADD COLUMN "respondentId" INTEGER REFERENCES "RegulatedUnit" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Case_respondentId_receivedAt_idx" ON "Case"("respondentId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RegulatedUnit_creditCode_key" ON "RegulatedUnit"("creditCode");

-- CreateIndex
CREATE INDEX "RegulatedUnit_name_idx" ON "RegulatedUnit"("name");

-- CreateIndex
CREATE INDEX "RegulatedUnit_townshipId_name_idx" ON "RegulatedUnit"("townshipId", "name");

