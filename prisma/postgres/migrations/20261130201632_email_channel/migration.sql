-- CreateEnum
CREATE TYPE "JobKind" AS ENUM ('mail', 'webhook', 'note');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'done', 'dead');

-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('web', 'email');

-- AlterTable
ALTER TABLE "RevealRequest" ADD COLUMN     "mailedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "TicketMessage" ADD COLUMN     "via" "MessageChannel" NOT NULL DEFAULT 'web';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailBouncedAt" TIMESTAMP(3),
ADD COLUMN     "localeChosen" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "notifyOn" JSONB NOT NULL DEFAULT '["assigned-customer-message","reveal-decided"]',
ADD COLUMN     "timeZone" TEXT;

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" "JobKind" NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "leasedBy" TEXT,
    "lastError" TEXT,
    "messageId" TEXT,
    "ticketId" TEXT,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplyAddress" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReplyAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundDelivery" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundDelivery_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_messageId_key" ON "Job"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "Job_ticketId_idx" ON "Job"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "ReplyAddress_tokenHash_key" ON "ReplyAddress"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ReplyAddress_ticketId_userId_key" ON "ReplyAddress"("ticketId", "userId");

-- CreateIndex
CREATE INDEX "InboundDelivery_receivedAt_idx" ON "InboundDelivery"("receivedAt");

-- AddForeignKey
ALTER TABLE "ReplyAddress" ADD CONSTRAINT "ReplyAddress_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyAddress" ADD CONSTRAINT "ReplyAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
