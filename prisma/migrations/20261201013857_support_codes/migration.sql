-- AlterTable
ALTER TABLE "RecordedSession" ADD COLUMN "supportCodeHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "RecordedSession_supportCodeHash_key" ON "RecordedSession"("supportCodeHash");
