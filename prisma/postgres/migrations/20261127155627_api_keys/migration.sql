-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "platformDueAt" TIMESTAMP(3),
ADD COLUMN     "sourceKeyId" INTEGER,
ADD COLUMN     "workOrderNo" TEXT;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "channel" TEXT,
    "callbackUrl" TEXT,
    "rateLimit" INTEGER NOT NULL DEFAULT 600,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiRequest" (
    "id" SERIAL NOT NULL,
    "apiKeyId" INTEGER,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "clientAddress" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_name_key" ON "ApiKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiRequest_apiKeyId_id_idx" ON "ApiRequest"("apiKeyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Case_sourceKeyId_workOrderNo_key" ON "Case"("sourceKeyId", "workOrderNo");

-- CreateIndex
CREATE UNIQUE INDEX "Case_sourceKeyId_idempotencyKey_key" ON "Case"("sourceKeyId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_sourceKeyId_fkey" FOREIGN KEY ("sourceKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiRequest" ADD CONSTRAINT "ApiRequest_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

