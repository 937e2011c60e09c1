// Runs once when the Next server starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Job durations come from scripts/start.ts's process over IPC (lib/ops/metrics.ts).
  const { receiveJobDurations } = await import("@/lib/ops/metrics.ts");
  receiveJobDurations();
}
