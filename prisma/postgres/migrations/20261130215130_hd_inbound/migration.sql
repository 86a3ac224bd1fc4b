-- CreateEnum
CREATE TYPE "HelpdeskKind" AS ENUM ('generic', 'zammad', 'chatwoot', 'zendesk', 'freshdesk');

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "helpdeskConnectionId" TEXT,
ADD COLUMN     "helpdeskExternalId" TEXT,
ADD COLUMN     "helpdeskUrl" TEXT;

-- CreateTable
CREATE TABLE "HelpdeskConnection" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "kind" "HelpdeskKind" NOT NULL,
    "name" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "basicAuthUser" TEXT,
    "frameOrigins" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "HelpdeskConnection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HelpdeskConnection_siteId_idx" ON "HelpdeskConnection"("siteId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_helpdeskConnectionId_helpdeskExternalId_key" ON "Ticket"("helpdeskConnectionId", "helpdeskExternalId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_helpdeskConnectionId_fkey" FOREIGN KEY ("helpdeskConnectionId") REFERENCES "HelpdeskConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpdeskConnection" ADD CONSTRAINT "HelpdeskConnection_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;
