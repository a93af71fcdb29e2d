-- CreateTable
CREATE TABLE "ClockPause" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "milestone" TEXT NOT NULL,
    "ground" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "pausedAt" DATETIME NOT NULL,
    "pausedById" INTEGER NOT NULL,
    "resumedAt" DATETIME,
    "resumedById" INTEGER,
    "addedDays" INTEGER,
    CONSTRAINT "ClockPause_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ClockPause_pausedById_fkey" FOREIGN KEY ("pausedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ClockPause_resumedById_fkey" FOREIGN KEY ("resumedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- New columns, added in place: redefining "Case" would drop its triggers.
ALTER TABLE "Case" ADD COLUMN "pausedMinutes" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CaseMilestone" ADD COLUMN "pausedAt" DATETIME;
ALTER TABLE "CaseMilestone" ADD COLUMN "pausedBy" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "ClockPause_caseId_idx" ON "ClockPause"("caseId");

