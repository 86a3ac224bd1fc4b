-- CreateTable
CREATE TABLE "EmbedSignInCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmbedSignInCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmbedSession" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmbedSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmbedSignInCode_userId_connectionId_idx" ON "EmbedSignInCode"("userId", "connectionId");

-- CreateIndex
CREATE UNIQUE INDEX "EmbedSession_tokenHash_key" ON "EmbedSession"("tokenHash");

-- CreateIndex
CREATE INDEX "EmbedSession_userId_idx" ON "EmbedSession"("userId");

-- AddForeignKey
ALTER TABLE "EmbedSignInCode" ADD CONSTRAINT "EmbedSignInCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmbedSignInCode" ADD CONSTRAINT "EmbedSignInCode_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "HelpdeskConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmbedSession" ADD CONSTRAINT "EmbedSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmbedSession" ADD CONSTRAINT "EmbedSession_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "HelpdeskConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
