-- AlterTable
ALTER TABLE "RevealRequest" ADD COLUMN "custodianId" TEXT;
ALTER TABLE "RevealRequest" ADD COLUMN "custodyAcceptedAt" DATETIME;
ALTER TABLE "RevealRequest" ADD COLUMN "custodyRefusal" TEXT;
ALTER TABLE "RevealRequest" ADD COLUMN "custodyRefusedAt" DATETIME;

-- AlterTable
ALTER TABLE "VaultKey" ADD COLUMN "custodianId" TEXT;

-- CreateTable
CREATE TABLE "UnsealedCopy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "revealId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "wrappedKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "UnsealedCopy_revealId_fkey" FOREIGN KEY ("revealId") REFERENCES "RevealRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UnsealedCopy_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "RecordedSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnsealedChunk" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "copyId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "payload" BLOB NOT NULL,
    CONSTRAINT "UnsealedChunk_copyId_fkey" FOREIGN KEY ("copyId") REFERENCES "UnsealedCopy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "UnsealedCopy_revealId_key" ON "UnsealedCopy"("revealId");

-- CreateIndex
CREATE INDEX "UnsealedCopy_sessionId_idx" ON "UnsealedCopy"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "UnsealedChunk_copyId_seq_key" ON "UnsealedChunk"("copyId", "seq");
