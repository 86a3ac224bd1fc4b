-- wp5: verified pseudonyms (security M1), storage limits (M5), consent proof (privacy point 3).
-- Hand-written as plain ALTER TABLEs (the same end state as Prisma's table redefinition).

-- AlterTable
ALTER TABLE "Site" ADD COLUMN "pseudonymSecretSealed" TEXT;
ALTER TABLE "Site" ADD COLUMN "pseudonymSecretAt" DATETIME;
ALTER TABLE "Site" ADD COLUMN "storageQuotaMb" INTEGER NOT NULL DEFAULT 2048;
ALTER TABLE "Site" ADD COLUMN "sessionMaxMb" INTEGER NOT NULL DEFAULT 64;
ALTER TABLE "Site" ADD COLUMN "sessionMaxChunks" INTEGER NOT NULL DEFAULT 4000;
ALTER TABLE "Site" ADD COLUMN "storedBytes" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "RecordedSession" ADD COLUMN "pseudonymVerified" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "RecordedSession" ADD COLUMN "triggerKind" TEXT;

-- AlterTable: consent records never keep the raw session id again (existing ones lose it).
ALTER TABLE "ConsentRecord" DROP COLUMN "sessionKey";
ALTER TABLE "ConsentRecord" ADD COLUMN "sessionHash" TEXT;
ALTER TABLE "ConsentRecord" ADD COLUMN "verifiedAt" DATETIME;

-- AlterTable

-- CreateIndex
CREATE INDEX "ConsentRecord_siteId_sessionHash_idx" ON "ConsentRecord"("siteId", "sessionHash");

-- Backfill: the usage counter starts from what the site's recordings hold now.
UPDATE "Site" SET "storedBytes" = COALESCE((SELECT SUM("storedBytes") FROM "RecordedSession" WHERE "RecordedSession"."siteId" = "Site"."id"), 0);
