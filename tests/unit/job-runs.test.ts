import { describe, expect, it } from "vitest";
import { describeSummary, formatDuration, JOB_LOCK_NAMESPACE, JOB_NAMES, jobLockKey } from "@/lib/jobs/schema.ts";
import { navigationFor } from "@/lib/navigation.ts";
import type { Actor } from "@/lib/auth/policy.ts";

const at = (ms: number) => new Date(Date.UTC(2026, 11, 6, 0, 0, 0) + ms);

describe("formatDuration (用时)", () => {
  it.each<[string, number | null, string]>([
    ["not finished", null, "—"],
    ["instant", 0, "0 毫秒"],
    ["under a second", 850, "850 毫秒"],
    ["seconds, one decimal", 12_340, "12.3 秒"],
    ["just under a minute", 59_900, "59.9 秒"],
    ["minutes and seconds", 245_000, "4 分 5 秒"],
    ["hours and minutes", 3_720_000, "1 小时 2 分"],
    ["a clock step backwards is never negative", -5_000, "0 毫秒"],
  ])("%s", (_name, elapsed, expected) => {
    expect(formatDuration(at(0), elapsed === null ? null : at(elapsed))).toBe(expected);
  });
});

describe("describeSummary (结果)", () => {
  it.each<[string, string, unknown, string]>([
    ["a skipped or failed run has none", "reminders", null, "—"],
    [
      "reminders",
      "reminders",
      { notifications: 12, resolved: 3, emailed: 0, created: { DUE_SOON: 2 } },
      "新增站内通知 12 条,自动办结 3 条,邮件 0 封",
    ],
    [
      "cleanup",
      "cleanup-files",
      { checked: 40, kept: 38, removed: 2, bytes: 1000, jobRunsRemoved: 7 },
      "检查文件 40 个,删除 2 个,清除过期运行记录 7 条",
    ],
    ["missing counts read as 0", "cleanup-files", {}, "检查文件 0 个,删除 0 个,清除过期运行记录 0 条"],
    ["dashboard snapshots", "dashboard-snapshots", { provinces: 1 }, "统计全省看板 1 个"],
    ["an unknown job shows its JSON", "other", { n: 1 }, '{"n":1}'],
    ["an array is not a summary", "reminders", [1], "—"],
  ])("%s", (_name, job, summary, expected) => {
    expect(describeSummary(job, summary)).toBe(expected);
  });
});

describe("job locks", () => {
  it("each job has its own lock number, and all are 32-bit integers", () => {
    const keys = JOB_NAMES.map(jobLockKey);
    expect(new Set(keys).size).toBe(JOB_NAMES.length);
    for (const key of [...keys, JOB_LOCK_NAMESPACE]) expect(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31).toBe(true);
  });
});

describe("后台任务 in the menu", () => {
  const actor = (role: Actor["role"]): Actor => ({
    id: 1,
    role,
    name: "x",
    regionId: role === "ADMIN" ? null : 2,
    scopeRegionIds: [2],
    unitId: null,
  });
  it.each<[Actor["role"], boolean]>([
    ["ADMIN", true],
    ["BUREAU", false],
    ["LEADER", false],
    ["LIAISON", false],
  ])("%s: %s", (role, shown) => {
    expect(navigationFor(actor(role)).some((item) => item.href === "/jobs")).toBe(shown);
  });
});
