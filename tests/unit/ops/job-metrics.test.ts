import { EventEmitter } from "node:events";
import type { ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { forwardJobDurationsTo, isJobDurationMessage, metrics, timeJob } from "@/lib/ops/metrics.ts";

describe("isJobDurationMessage", () => {
  it.each([
    [{ type: "fazhi:job-duration", job: "reminders", seconds: 1.5, outcome: "ok" }, true],
    [{ type: "fazhi:job-duration", job: "reminders", seconds: 0, outcome: "error" }, true],
    [{ type: "fazhi:job-duration", job: "reminders", seconds: -1, outcome: "ok" }, false],
    [{ type: "fazhi:job-duration", job: "reminders", seconds: Number.NaN, outcome: "ok" }, false],
    [{ type: "fazhi:job-duration", job: "reminders", seconds: 1, outcome: "maybe" }, false],
    [{ type: "other", job: "reminders", seconds: 1, outcome: "ok" }, false],
    [{ nextServerReady: true }, false],
    [null, false],
  ])("%o → %s", (message, expected) => {
    expect(isJobDurationMessage(message)).toBe(expected);
  });
});

describe("timeJob with forwarding to the Next server", () => {
  it("observes each run here, holds the figures until the server listens, then sends them in order", async () => {
    const sent: unknown[] = [];
    const server = Object.assign(new EventEmitter(), {
      connected: true,
      send: (message: unknown) => sent.push(message) > 0,
    }) as unknown as ChildProcess;
    forwardJobDurationsTo(server);

    expect(await timeJob("reminders", async () => 42)).toBe(42);
    await expect(timeJob("file-cleanup", async () => Promise.reject(new Error("disk gone")))).rejects.toThrow("disk gone");
    expect(sent).toEqual([]);

    server.emit("message", { type: "fazhi:metrics-listening" });
    expect(sent).toMatchObject([
      { type: "fazhi:job-duration", job: "reminders", outcome: "ok" },
      { type: "fazhi:job-duration", job: "file-cleanup", outcome: "error" },
    ]);
    await timeJob("reminders", async () => null);
    expect(sent).toHaveLength(3);

    const text = await metrics().registry.metrics();
    expect(text).toMatch(/fazhi_job_duration_seconds_count\{job="reminders",outcome="ok"\} 2/);
    expect(text).toMatch(/fazhi_job_duration_seconds_count\{job="file-cleanup",outcome="error"\} 1/);
  });
});
