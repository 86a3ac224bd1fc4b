-- AlterTable
ALTER TABLE "RevealRequest" ADD COLUMN     "custodianId" TEXT,
ADD COLUMN     "custodyAcceptedAt" TIMESTAMP(3),
ADD COLUMN     "custodyRefusal" TEXT,
ADD COLUMN     "custodyRefusedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "VaultKey" ADD COLUMN     "custodianId" TEXT;

-- CreateTable
CREATE TABLE "UnsealedCopy" (
    "id" TEXT NOT NULL,
    "revealId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "wrappedKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnsealedCopy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnsealedChunk" (
    "id" TEXT NOT NULL,
    "copyId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "payload" BYTEA NOT NULL,

    CONSTRAINT "UnsealedChunk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UnsealedCopy_revealId_key" ON "UnsealedCopy"("revealId");

-- CreateIndex
CREATE INDEX "UnsealedCopy_sessionId_idx" ON "UnsealedCopy"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "UnsealedChunk_copyId_seq_key" ON "UnsealedChunk"("copyId", "seq");

-- AddForeignKey
ALTER TABLE "UnsealedCopy" ADD CONSTRAINT "UnsealedCopy_revealId_fkey" FOREIGN KEY ("revealId") REFERENCES "RevealRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnsealedCopy" ADD CONSTRAINT "UnsealedCopy_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "RecordedSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnsealedChunk" ADD CONSTRAINT "UnsealedChunk_copyId_fkey" FOREIGN KEY ("copyId") REFERENCES "UnsealedCopy"("id") ON DELETE CASCADE ON UPDATE CASCADE;
