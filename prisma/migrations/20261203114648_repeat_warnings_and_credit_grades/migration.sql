-- CreateTable
CREATE TABLE "RepeatReportWarning" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "raisedAt" DATETIME NOT NULL,
    "windowEndsAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "RepeatReportWarning_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "RegulatedUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RepeatReportCase" (
    "warningId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,

    PRIMARY KEY ("warningId", "caseId"),
    CONSTRAINT "RepeatReportCase_warningId_fkey" FOREIGN KEY ("warningId") REFERENCES "RepeatReportWarning" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RepeatReportCase_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CreditGrade" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "grade" TEXT NOT NULL,
    "enteredById" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CreditGrade_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "RegulatedUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CreditGrade_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RepeatReportWarning_unitId_windowEndsAt_idx" ON "RepeatReportWarning"("unitId", "windowEndsAt");

-- CreateIndex
CREATE INDEX "RepeatReportWarning_windowEndsAt_idx" ON "RepeatReportWarning"("windowEndsAt");

-- CreateIndex
CREATE INDEX "RepeatReportCase_caseId_idx" ON "RepeatReportCase"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "CreditGrade_unitId_year_key" ON "CreditGrade"("unitId", "year");

