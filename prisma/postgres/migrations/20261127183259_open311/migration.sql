-- AlterTable
ALTER TABLE "Township" ADD COLUMN     "seatLatitude" DOUBLE PRECISION,
ADD COLUMN     "seatLongitude" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "consentToPublish" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION;

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

