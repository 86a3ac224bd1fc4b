-- AlterTable
ALTER TABLE "HelpdeskConnection" ADD COLUMN     "apiTokenSealed" TEXT,
ADD COLUMN     "apiUrl" TEXT;

-- AlterTable
ALTER TABLE "RevealRequest" ADD COLUMN     "expiryAnnouncedAt" TIMESTAMP(3);
