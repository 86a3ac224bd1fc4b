-- AlterTable (additive: new columns with the most protective defaults)
ALTER TABLE "Site" ADD COLUMN "sensitivePages" TEXT NOT NULL DEFAULT '/account/*
/health/*';
ALTER TABLE "Site" ADD COLUMN "pathSegmentAllowList" TEXT NOT NULL DEFAULT '';
