-- Hand-written (issue 16): text columns become enum types and JSONB in place, converting the
-- stored values (ALTER ... TYPE ... USING), never dropping a column. prisma migrate diff
-- proposed DROP COLUMN + ADD COLUMN, which would have lost every value.

-- CreateEnum
CREATE TYPE "MaskingMode" AS ENUM ('M1', 'M2', 'M3');

-- CreateEnum
CREATE TYPE "RecordingMode" AS ENUM ('buffer', 'stream');

-- CreateEnum
CREATE TYPE "TriggerKind" AS ENUM ('ticket', 'manual', 'error');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('open', 'pending', 'closed');

-- CreateEnum
CREATE TYPE "MessageAuthor" AS ENUM ('customer', 'agent', 'system');

-- CreateEnum
CREATE TYPE "RecordingStatus" AS ENUM ('untriggered', 'triggered');

-- CreateEnum
CREATE TYPE "ChunkStream" AS ENUM ('masked', 'vault');

-- CreateEnum
CREATE TYPE "RevealScope" AS ENUM ('masked', 'unmasked');

-- CreateEnum
CREATE TYPE "RevealStatus" AS ENUM ('pending', 'approved', 'declined', 'expired', 'withdrawn', 'revoked');

-- CreateEnum
CREATE TYPE "SweeperRunResult" AS ENUM ('running', 'ok', 'error');

-- AlterTable
ALTER TABLE "EventChunk" ALTER COLUMN "stream" DROP DEFAULT,
  ALTER COLUMN "stream" TYPE "ChunkStream" USING "stream"::"ChunkStream",
  ALTER COLUMN "stream" SET DEFAULT 'masked';

-- AlterTable
ALTER TABLE "RecordedSession" ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" TYPE "RecordingStatus" USING "status"::"RecordingStatus",
  ALTER COLUMN "status" SET DEFAULT 'untriggered',
  ALTER COLUMN "maskingMode" TYPE "MaskingMode" USING "maskingMode"::"MaskingMode",
  ALTER COLUMN "pages" DROP DEFAULT,
  ALTER COLUMN "pages" TYPE JSONB USING "pages"::jsonb,
  ALTER COLUMN "pages" SET DEFAULT '[]',
  ALTER COLUMN "maskState" DROP DEFAULT,
  ALTER COLUMN "maskState" DROP NOT NULL,
  ALTER COLUMN "maskState" TYPE JSONB USING NULLIF("maskState", '')::jsonb,
  ALTER COLUMN "triggerKind" TYPE "TriggerKind" USING "triggerKind"::"TriggerKind";

-- AlterTable
ALTER TABLE "ReplayView" ALTER COLUMN "scope" TYPE "RevealScope" USING "scope"::"RevealScope";

-- AlterTable
ALTER TABLE "RevealRequest" ALTER COLUMN "scope" TYPE "RevealScope" USING "scope"::"RevealScope",
  ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" TYPE "RevealStatus" USING "status"::"RevealStatus",
  ALTER COLUMN "status" SET DEFAULT 'pending';

-- AlterTable
ALTER TABLE "Site" ALTER COLUMN "allowedOrigins" DROP DEFAULT,
  ALTER COLUMN "allowedOrigins" TYPE JSONB USING "allowedOrigins"::jsonb,
  ALTER COLUMN "allowedOrigins" SET DEFAULT '[]',
  ALTER COLUMN "maskingMode" DROP DEFAULT,
  ALTER COLUMN "maskingMode" TYPE "MaskingMode" USING "maskingMode"::"MaskingMode",
  ALTER COLUMN "maskingMode" SET DEFAULT 'M3',
  ALTER COLUMN "recordingMode" DROP DEFAULT,
  ALTER COLUMN "recordingMode" TYPE "RecordingMode" USING "recordingMode"::"RecordingMode",
  ALTER COLUMN "recordingMode" SET DEFAULT 'buffer',
  ALTER COLUMN "triggers" DROP DEFAULT,
  ALTER COLUMN "triggers" TYPE JSONB USING "triggers"::jsonb,
  ALTER COLUMN "triggers" SET DEFAULT '["ticket"]';

-- AlterTable
ALTER TABLE "SweeperRun" ALTER COLUMN "result" DROP DEFAULT,
  ALTER COLUMN "result" TYPE "SweeperRunResult" USING "result"::"SweeperRunResult",
  ALTER COLUMN "result" SET DEFAULT 'running';

-- AlterTable
ALTER TABLE "Ticket" ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" TYPE "TicketStatus" USING "status"::"TicketStatus",
  ALTER COLUMN "status" SET DEFAULT 'open';

-- AlterTable
ALTER TABLE "TicketMessage" ALTER COLUMN "authorRole" TYPE "MessageAuthor" USING "authorRole"::"MessageAuthor";
