-- AlterEnum
ALTER TYPE "TriggerKind" ADD VALUE 'code';

-- AlterTable
ALTER TABLE "RecordedSession" ADD COLUMN     "supportCodeHash" TEXT;

-- AlterTable
ALTER TABLE "Site" ALTER COLUMN "triggers" SET DEFAULT '["ticket","code"]';

-- CreateIndex
CREATE UNIQUE INDEX "RecordedSession_supportCodeHash_key" ON "RecordedSession"("supportCodeHash");
