-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "pathSegmentAllowList" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sensitivePages" TEXT NOT NULL DEFAULT '/account/*
/health/*';
