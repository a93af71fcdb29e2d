-- AlterTable
ALTER TABLE "Case" ADD COLUMN "lookupCodeHash" TEXT;

