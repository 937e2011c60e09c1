// Runs once when the Next server starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Job durations come from scripts/start.ts's process over IPC (lib/ops/metrics.ts).
  const { metrics, receiveJobDurations } = await import("@/lib/ops/metrics.ts");
  receiveJobDurations();
  // The registry now, so the request preload times pages from the first request on.
  metrics();
}
