-- AlterTable
ALTER TABLE "Township" ADD COLUMN "seatLatitude" REAL;
ALTER TABLE "Township" ADD COLUMN "seatLongitude" REAL;

-- AlterTable (ADD COLUMN rather than Prisma's redefinition of "Case", which would drop the search triggers)
ALTER TABLE "Case" ADD COLUMN "consentToPublish" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Case" ADD COLUMN "latitude" REAL;
ALTER TABLE "Case" ADD COLUMN "longitude" REAL;

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
