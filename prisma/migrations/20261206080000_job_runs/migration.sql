-- Scheduled job runs (lib/jobs/run.ts): each attempt of the reminder job and
-- the file cleanup, on any server, with its outcome. The job's PostgreSQL
-- advisory lock, not this table, keeps two servers from running it at once.
-- Not a district table (no districtId): a job is installation-wide.

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "JobRun" (
    "id" BIGSERIAL NOT NULL,
    "job" VARCHAR(50) NOT NULL,
    "status" "JobRunStatus" NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "summary" JSONB,
    "error" VARCHAR(2000),
    "host" VARCHAR(255) NOT NULL,
    "pid" INTEGER NOT NULL,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE INDEX "JobRun_startedAt_idx" ON "JobRun"("startedAt");
