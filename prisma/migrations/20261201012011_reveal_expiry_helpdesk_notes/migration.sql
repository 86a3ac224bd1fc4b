-- AlterTable
ALTER TABLE "HelpdeskConnection" ADD COLUMN "apiTokenSealed" TEXT;
ALTER TABLE "HelpdeskConnection" ADD COLUMN "apiUrl" TEXT;

-- AlterTable
ALTER TABLE "RevealRequest" ADD COLUMN "expiryAnnouncedAt" DATETIME;
