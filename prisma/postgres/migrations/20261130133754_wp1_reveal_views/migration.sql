-- CreateTable
CREATE TABLE "ReplayView" (
    "id" TEXT NOT NULL,
    "viewKey" TEXT NOT NULL,
    "viewerId" TEXT NOT NULL,
    "recordingId" TEXT NOT NULL,
    "recordingHash" TEXT NOT NULL,
    "revealId" TEXT,
    "scope" TEXT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplayView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReplayView_viewKey_key" ON "ReplayView"("viewKey");

-- CreateIndex
CREATE INDEX "ReplayView_viewerId_recordingId_idx" ON "ReplayView"("viewerId", "recordingId");

-- AddForeignKey
ALTER TABLE "ReplayView" ADD CONSTRAINT "ReplayView_viewerId_fkey" FOREIGN KEY ("viewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplayView" ADD CONSTRAINT "ReplayView_revealId_fkey" FOREIGN KEY ("revealId") REFERENCES "RevealRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
