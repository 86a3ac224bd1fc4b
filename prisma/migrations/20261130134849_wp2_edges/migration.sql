-- CreateTable
CREATE TABLE "TicketClaim" (
    "ticketId" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketClaim_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "TicketClaim_tokenHash_key" ON "TicketClaim"("tokenHash");

-- Session.sessionToken now holds a SHA-256 of the cookie value (lib/auth/options.ts). Sessions
-- stored before hold the cookie value itself: they can no longer be found, so they go, and
-- everyone signs in once more.
DELETE FROM "Session";
