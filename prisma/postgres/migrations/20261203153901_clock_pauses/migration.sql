-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "pausedMinutes" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "CaseMilestone" ADD COLUMN     "pausedAt" TIMESTAMP(3),
ADD COLUMN     "pausedBy" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ClockPause" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "milestone" TEXT NOT NULL,
    "ground" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "pausedAt" TIMESTAMP(3) NOT NULL,
    "pausedById" INTEGER NOT NULL,
    "resumedAt" TIMESTAMP(3),
    "resumedById" INTEGER,
    "addedDays" INTEGER,

    CONSTRAINT "ClockPause_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClockPause_caseId_idx" ON "ClockPause"("caseId");

-- AddForeignKey
ALTER TABLE "ClockPause" ADD CONSTRAINT "ClockPause_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClockPause" ADD CONSTRAINT "ClockPause_pausedById_fkey" FOREIGN KEY ("pausedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClockPause" ADD CONSTRAINT "ClockPause_resumedById_fkey" FOREIGN KEY ("resumedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

