-- AlterTable
ALTER TABLE "ApiKey" DROP COLUMN "lastUsedAt";

