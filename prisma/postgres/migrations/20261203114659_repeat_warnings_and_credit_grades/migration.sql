-- CreateTable
CREATE TABLE "RepeatReportWarning" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "windowEndsAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RepeatReportWarning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RepeatReportCase" (
    "warningId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,

    CONSTRAINT "RepeatReportCase_pkey" PRIMARY KEY ("warningId","caseId")
);

-- CreateTable
CREATE TABLE "CreditGrade" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "grade" TEXT NOT NULL,
    "enteredById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CreditGrade_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RepeatReportWarning_unitId_windowEndsAt_idx" ON "RepeatReportWarning"("unitId", "windowEndsAt");

-- CreateIndex
CREATE INDEX "RepeatReportWarning_windowEndsAt_idx" ON "RepeatReportWarning"("windowEndsAt");

-- CreateIndex
CREATE INDEX "RepeatReportCase_caseId_idx" ON "RepeatReportCase"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "CreditGrade_unitId_year_key" ON "CreditGrade"("unitId", "year");

-- AddForeignKey
ALTER TABLE "RepeatReportWarning" ADD CONSTRAINT "RepeatReportWarning_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "RegulatedUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepeatReportCase" ADD CONSTRAINT "RepeatReportCase_warningId_fkey" FOREIGN KEY ("warningId") REFERENCES "RepeatReportWarning"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepeatReportCase" ADD CONSTRAINT "RepeatReportCase_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditGrade" ADD CONSTRAINT "CreditGrade_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "RegulatedUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditGrade" ADD CONSTRAINT "CreditGrade_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

