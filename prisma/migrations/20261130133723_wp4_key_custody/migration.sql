-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "keyedFrom" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "mac" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Site" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "allowedOrigins" TEXT NOT NULL DEFAULT '[]',
    "maskingMode" TEXT NOT NULL DEFAULT 'M3',
    "recordingMode" TEXT NOT NULL DEFAULT 'buffer',
    "triggers" TEXT NOT NULL DEFAULT '["ticket"]',
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
    "pseudonymKeyVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Site" ("allowedOrigins", "blockSelectors", "bufferMinutes", "closeGraceMinutes", "createdAt", "id", "maskSelectors", "maskingMode", "maxSessionMinutes", "name", "pseudonymKeyVersion", "publicKey", "recordingMode", "retentionHours", "retentionJustification", "samplingRate", "triggers", "unmaskSelectors", "updatedAt") SELECT "allowedOrigins", "blockSelectors", "bufferMinutes", "closeGraceMinutes", "createdAt", "id", "maskSelectors", "maskingMode", "maxSessionMinutes", "name", "pseudonymKeyVersion", "publicKey", "recordingMode", "retentionHours", "retentionJustification", "samplingRate", "triggers", "unmaskSelectors", "updatedAt" FROM "Site";
DROP TABLE "Site";
ALTER TABLE "new_Site" RENAME TO "Site";
CREATE UNIQUE INDEX "Site_publicKey_key" ON "Site"("publicKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
