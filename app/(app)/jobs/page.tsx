import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listJobRuns } from "@/lib/jobs/queries.ts";
import { JOB_RUN_RETENTION_DAYS, SNAPSHOT_JOB_RUN_RETENTION_DAYS } from "@/lib/jobs/scheduled.ts";
import { describeSummary, formatDuration, JOB_RUNS_SHOWN, JOB_STATUS_LABELS } from "@/lib/jobs/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { formatChinaTime } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "后台任务" };

const TONES = { RUNNING: "blue", SUCCEEDED: "green", FAILED: "red", SKIPPED: "grey" } as const;

export default async function JobRunsPage() {
  const actor = await requireActor();
  if (!can(actor, "job.read")) notFound();
  const jobs = await listJobRuns(actor);
  return (
    <>
      <PageHeader
        title="后台任务"
        description={`催办提醒、文件清理和全省看板统计由各台服务器定时发起,同一时间只在一台服务器上运行;其余服务器记为已跳过。运行记录保留 ${JOB_RUN_RETENTION_DAYS} 天(全省看板统计每 5 分钟一次,保留 ${SNAPSHOT_JOB_RUN_RETENTION_DAYS} 天)。`}
      />
      {jobs.map(({ job, label, runs }) => (
        <section key={job} aria-labelledby={`job-${job}`} className="mb-8">
          <h2 id={`job-${job}`} className="mb-2 text-lg font-semibold">
            {label}
          </h2>
          <Table
            caption={`${label}最近 ${JOB_RUNS_SHOWN} 次运行`}
            head={["任务", "开始", "结束", "用时", "结果", "状态", "错误", "服务器"]}
          >
            {runs.length === 0 && <EmptyRow colSpan={8}>尚无运行记录</EmptyRow>}
            {runs.map((run) => (
              <tr key={run.id}>
                <td className={cell}>{label}</td>
                <td className={`${cell} whitespace-nowrap`}>{formatChinaTime(run.startedAt, "seconds")}</td>
                <td className={`${cell} whitespace-nowrap`}>{run.finishedAt ? formatChinaTime(run.finishedAt, "seconds") : "—"}</td>
                <td className={`${cell} whitespace-nowrap`}>{formatDuration(run.startedAt, run.finishedAt)}</td>
                <td className={cell}>{describeSummary(job, run.summary)}</td>
                <td className={cell}>
                  <Badge tone={TONES[run.status]}>{JOB_STATUS_LABELS[run.status]}</Badge>
                </td>
                <td className={`${cell} max-w-72 break-words text-sm ${run.error ? "text-red-700" : ""}`}>{run.error ?? "—"}</td>
                <td className={`${cell} text-xs text-slate-600`}>
                  {run.host}(进程 {run.pid})
                </td>
              </tr>
            ))}
          </Table>
        </section>
      ))}
    </>
  );
}
