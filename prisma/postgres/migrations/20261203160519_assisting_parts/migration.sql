-- CreateTable
CREATE TABLE "AssistingPart" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "instruction" TEXT NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "warningAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "supervisionAt" TIMESTAMP(3) NOT NULL,
    "nextStep" TEXT,
    "nextStepAt" TIMESTAMP(3),
    "partText" TEXT,
    "submittedAt" TIMESTAMP(3),
    "submittedById" INTEGER,

    CONSTRAINT "AssistingPart_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AssistingPart_unitId_submittedAt_idx" ON "AssistingPart"("unitId", "submittedAt");

-- CreateIndex
CREATE INDEX "AssistingPart_submittedAt_nextStepAt_idx" ON "AssistingPart"("submittedAt", "nextStepAt");

-- CreateIndex
CREATE UNIQUE INDEX "AssistingPart_caseId_round_unitId_key" ON "AssistingPart"("caseId", "round", "unitId");

-- AddForeignKey
ALTER TABLE "AssistingPart" ADD CONSTRAINT "AssistingPart_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistingPart" ADD CONSTRAINT "AssistingPart_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistingPart" ADD CONSTRAINT "AssistingPart_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistingPart" ADD CONSTRAINT "AssistingPart_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

