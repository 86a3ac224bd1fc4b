-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "retentionReason" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "triggers" SET DEFAULT '["ticket"]';

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "keyedFrom" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "mac" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("seq")
);
