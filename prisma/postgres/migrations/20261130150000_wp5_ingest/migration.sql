-- wp5: verified pseudonyms (security M1), storage limits (M5), consent proof (privacy point 3).
-- AlterTable
ALTER TABLE "ConsentRecord" DROP COLUMN "sessionKey",
ADD COLUMN     "sessionHash" TEXT,
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- AlterTable

-- AlterTable
ALTER TABLE "RecordedSession" ADD COLUMN     "pseudonymVerified" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "triggerKind" TEXT;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "pseudonymSecretAt" TIMESTAMP(3),
ADD COLUMN     "pseudonymSecretSealed" TEXT,
ADD COLUMN     "sessionMaxChunks" INTEGER NOT NULL DEFAULT 4000,
ADD COLUMN     "sessionMaxMb" INTEGER NOT NULL DEFAULT 64,
ADD COLUMN     "storageQuotaMb" INTEGER NOT NULL DEFAULT 2048,
ADD COLUMN     "storedBytes" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "ConsentRecord_siteId_sessionHash_idx" ON "ConsentRecord"("siteId", "sessionHash");

-- CreateIndex

-- Backfill: the usage counter starts from what the site's recordings hold now.
UPDATE "Site" SET "storedBytes" = COALESCE((SELECT SUM("storedBytes") FROM "RecordedSession" WHERE "RecordedSession"."siteId" = "Site"."id"), 0);
