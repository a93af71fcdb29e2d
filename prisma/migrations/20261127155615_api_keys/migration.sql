-- CreateTable
CREATE TABLE "ApiKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "channel" TEXT,
    "callbackUrl" TEXT,
    "rateLimit" INTEGER NOT NULL DEFAULT 600,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "lastUsedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ApiRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "apiKeyId" INTEGER,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "clientAddress" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "ApiRequest_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable (columns added in place: redefining "Case" would drop its text-search triggers)
ALTER TABLE "Case" ADD COLUMN "sourceKeyId" INTEGER REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Case" ADD COLUMN "workOrderNo" TEXT;
ALTER TABLE "Case" ADD COLUMN "platformDueAt" DATETIME;
ALTER TABLE "Case" ADD COLUMN "idempotencyKey" TEXT;
CREATE UNIQUE INDEX "Case_sourceKeyId_workOrderNo_key" ON "Case"("sourceKeyId", "workOrderNo");
CREATE UNIQUE INDEX "Case_sourceKeyId_idempotencyKey_key" ON "Case"("sourceKeyId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_name_key" ON "ApiKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiRequest_apiKeyId_id_idx" ON "ApiRequest"("apiKeyId", "id");

