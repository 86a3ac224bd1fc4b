-- Hand-edited (issue 16): JSON defaults quoted (prisma migrate diff wrote DEFAULT [] and
-- DEFAULT ["ticket"], which SQLite reads as identifiers), and an empty maskState becomes NULL.
-- Enum columns stay TEXT on SQLite: the Prisma client checks their values.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RecordedSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "sessionKey" TEXT NOT NULL,
    "pseudonym" TEXT,
    "pseudonymVerified" BOOLEAN NOT NULL DEFAULT false,
    "ticketId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'untriggered',
    "maskingMode" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEventAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "triggeredAt" DATETIME,
    "triggerReason" TEXT,
    "triggerKind" TEXT,
    "deleteAfter" DATETIME,
    "wrappedDataKey" TEXT,
    "pages" JSONB NOT NULL DEFAULT '[]',
    "userAgent" TEXT,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "scrubbedCount" INTEGER NOT NULL DEFAULT 0,
    "maskState" JSONB,
    "chunkCount" INTEGER NOT NULL DEFAULT 0,
    "storedBytes" INTEGER NOT NULL DEFAULT 0,
    "vaultKeyId" TEXT,
    "closeDeleteAt" DATETIME,
    CONSTRAINT "RecordedSession_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecordedSession_vaultKeyId_fkey" FOREIGN KEY ("vaultKeyId") REFERENCES "VaultKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RecordedSession_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_RecordedSession" ("chunkCount", "closeDeleteAt", "deleteAfter", "endedAt", "errorCount", "id", "lastEventAt", "maskState", "maskingMode", "pages", "pseudonym", "pseudonymVerified", "scrubbedCount", "sessionKey", "siteId", "startedAt", "status", "storedBytes", "ticketId", "triggerKind", "triggerReason", "triggeredAt", "userAgent", "vaultKeyId", "wrappedDataKey") SELECT "chunkCount", "closeDeleteAt", "deleteAfter", "endedAt", "errorCount", "id", "lastEventAt", NULLIF("maskState", ''), "maskingMode", "pages", "pseudonym", "pseudonymVerified", "scrubbedCount", "sessionKey", "siteId", "startedAt", "status", "storedBytes", "ticketId", "triggerKind", "triggerReason", "triggeredAt", "userAgent", "vaultKeyId", "wrappedDataKey" FROM "RecordedSession";
DROP TABLE "RecordedSession";
ALTER TABLE "new_RecordedSession" RENAME TO "RecordedSession";
CREATE INDEX "RecordedSession_deleteAfter_idx" ON "RecordedSession"("deleteAfter");
CREATE INDEX "RecordedSession_siteId_pseudonym_idx" ON "RecordedSession"("siteId", "pseudonym");
CREATE UNIQUE INDEX "RecordedSession_siteId_sessionKey_key" ON "RecordedSession"("siteId", "sessionKey");
CREATE TABLE "new_Site" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "allowedOrigins" JSONB NOT NULL DEFAULT '[]',
    "maskingMode" TEXT NOT NULL DEFAULT 'M3',
    "recordingMode" TEXT NOT NULL DEFAULT 'buffer',
    "triggers" JSONB NOT NULL DEFAULT '["ticket"]',
    "bufferMinutes" INTEGER NOT NULL DEFAULT 5,
    "samplingRate" REAL NOT NULL DEFAULT 1,
    "maxSessionMinutes" INTEGER NOT NULL DEFAULT 60,
    "retentionHours" INTEGER NOT NULL DEFAULT 4,
    "retentionJustification" TEXT NOT NULL DEFAULT '',
    "retentionReason" TEXT NOT NULL DEFAULT '',
    "closeGraceMinutes" INTEGER NOT NULL DEFAULT 0,
    "maskSelectors" TEXT NOT NULL DEFAULT '',
    "unmaskSelectors" TEXT NOT NULL DEFAULT '',
    "blockSelectors" TEXT NOT NULL DEFAULT '',
    "sensitivePages" TEXT NOT NULL DEFAULT '/account/*
/health/*',
    "pathSegmentAllowList" TEXT NOT NULL DEFAULT '',
    "pseudonymKeyVersion" INTEGER NOT NULL DEFAULT 1,
    "pseudonymSecretSealed" TEXT,
    "pseudonymSecretAt" DATETIME,
    "storageQuotaMb" INTEGER NOT NULL DEFAULT 2048,
    "sessionMaxMb" INTEGER NOT NULL DEFAULT 64,
    "sessionMaxChunks" INTEGER NOT NULL DEFAULT 4000,
    "storedBytes" BIGINT NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Site" ("allowedOrigins", "blockSelectors", "bufferMinutes", "closeGraceMinutes", "createdAt", "id", "maskSelectors", "maskingMode", "maxSessionMinutes", "name", "pathSegmentAllowList", "pseudonymKeyVersion", "pseudonymSecretAt", "pseudonymSecretSealed", "publicKey", "recordingMode", "retentionHours", "retentionJustification", "retentionReason", "samplingRate", "sensitivePages", "sessionMaxChunks", "sessionMaxMb", "storageQuotaMb", "storedBytes", "triggers", "unmaskSelectors", "updatedAt") SELECT "allowedOrigins", "blockSelectors", "bufferMinutes", "closeGraceMinutes", "createdAt", "id", "maskSelectors", "maskingMode", "maxSessionMinutes", "name", "pathSegmentAllowList", "pseudonymKeyVersion", "pseudonymSecretAt", "pseudonymSecretSealed", "publicKey", "recordingMode", "retentionHours", "retentionJustification", "retentionReason", "samplingRate", "sensitivePages", "sessionMaxChunks", "sessionMaxMb", "storageQuotaMb", "storedBytes", "triggers", "unmaskSelectors", "updatedAt" FROM "Site";
DROP TABLE "Site";
ALTER TABLE "new_Site" RENAME TO "Site";
CREATE UNIQUE INDEX "Site_publicKey_key" ON "Site"("publicKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
