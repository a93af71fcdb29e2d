-- The last use of a key is read from the request log (ApiRequest), not kept twice.
ALTER TABLE "ApiKey" DROP COLUMN "lastUsedAt";
