import { db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import { notFound } from "@/lib/errors.ts";
import { JOB_LABELS, JOB_NAMES, JOB_RUNS_SHOWN } from "@/lib/jobs/schema.ts";

/**
 * 后台任务: the latest runs of each scheduled job, newest first. ADMIN only;
 * JobRun belongs to no district, so there is no row scope to apply, and any
 * other role gets NOT_FOUND, as the page answers 404.
 */
export async function listJobRuns(actor: Actor) {
  if (!can(actor, "job.read")) throw notFound();
  return Promise.all(
    JOB_NAMES.map(async (job) => ({
      job,
      label: JOB_LABELS[job],
      runs: (
        await db().jobRun.findMany({
          where: { job },
          orderBy: [{ startedAt: "desc" }, { id: "desc" }],
          take: JOB_RUNS_SHOWN,
          select: { id: true, status: true, startedAt: true, finishedAt: true, summary: true, error: true, host: true, pid: true },
        })
      ).map((run) => ({ ...run, id: String(run.id) })),
    })),
  );
}
