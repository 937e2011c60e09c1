import type { JobRunStatus } from "@/lib/generated/prisma/enums.ts";

/** The scheduled jobs, in the order the 后台任务 page lists them. */
export const JOB_NAMES = ["reminders", "cleanup-files", "dashboard-snapshots"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const JOB_LABELS: Record<JobName, string> = {
  reminders: "催办提醒",
  "cleanup-files": "清理佐证材料文件",
  "dashboard-snapshots": "统计全省看板",
};

/**
 * The advisory locks are taken as (namespace, job): the namespace ("fazh")
 * keeps them apart from any other advisory lock on the same database, and
 * each job has a fixed number, never a hash that could collide.
 */
export const JOB_LOCK_NAMESPACE = 0x66617a68;
const LOCK_KEYS: Record<JobName, number> = { reminders: 1, "cleanup-files": 2, "dashboard-snapshots": 3 };
export function jobLockKey(name: JobName): number {
  return LOCK_KEYS[name];
}

export const JOB_STATUS_LABELS: Record<JobRunStatus, string> = {
  RUNNING: "运行中",
  SUCCEEDED: "成功",
  FAILED: "失败",
  SKIPPED: "已跳过(其他服务器正在运行)",
};

/** How many runs of each job the page shows. */
export const JOB_RUNS_SHOWN = 20;

/** "850 毫秒", "12.3 秒", "4 分 5 秒", "1 小时 2 分"; "—" for a run not finished. */
export function formatDuration(startedAt: Date, finishedAt: Date | null): string {
  if (!finishedAt) return "—";
  const ms = Math.max(0, finishedAt.getTime() - startedAt.getTime());
  if (ms < 1000) return `${ms} 毫秒`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} 秒`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒`;
  return `${Math.floor(seconds / 3600)} 小时 ${Math.floor((seconds % 3600) / 60)} 分`;
}

const count = (value: unknown) => (typeof value === "number" ? value : 0);

/** What a run did, in a line of Chinese, from its JobRun.summary; "—" when there is none. */
export function describeSummary(job: string, summary: unknown): string {
  if (!summary || typeof summary !== "object" || Array.isArray(summary)) return "—";
  const s = summary as Record<string, unknown>;
  if (job === "reminders") {
    return `新增站内通知 ${count(s.notifications)} 条,自动办结 ${count(s.resolved)} 条,邮件 ${count(s.emailed)} 封`;
  }
  if (job === "cleanup-files") {
    return `检查文件 ${count(s.checked)} 个,删除 ${count(s.removed)} 个,清除过期运行记录 ${count(s.jobRunsRemoved)} 条`;
  }
  if (job === "dashboard-snapshots") {
    return `统计全省看板 ${count(s.provinces)} 个`;
  }
  return JSON.stringify(summary);
}
