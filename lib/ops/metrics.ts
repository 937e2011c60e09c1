import type { ChildProcess } from "node:child_process";
import { Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { appPool } from "@/lib/db/client.ts";

// The figures /api/metrics shows, in Prometheus's text format. One registry
// per process, kept on globalThis: Next bundles this module into several
// chunks and `next dev` reloads it, and a second registry would split the
// counts (and a second collectDefaultMetrics would throw on duplicate names).
//
// What is measured where:
//   - route handlers (app/**/route.ts) through withRouteMetrics: method, route pattern, status;
//   - server actions in lib/actions/run.ts: action name and outcome (ok, an error code, UNEXPECTED);
//   - background jobs, which run in scripts/start.ts's process, not the Next server's: start.ts
//     calls timeJob, which observes there and sends the figure over the IPC channel to the Next
//     server (receiveJobDurations, started from instrumentation.ts);
//   - the app's pg pool: total, idle and waiting, read at each scrape.
//   - pages (server-rendered HTML, client-side navigations, actions posted to a page): timed per
//     request to its last byte by scripts/request-id-preload.cjs in the server process, which
//     hands each figure to the receiver registered here under OBSERVE_PAGE (Next 16 offers no
//     hook around a page render short of an OpenTelemetry tracer).

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 1800, 3600];

type Metrics = {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  pageDuration: Histogram<"method" | "route" | "status">;
  actionDuration: Histogram<"action" | "outcome">;
  jobDuration: Histogram<"job" | "outcome">;
};

const KEY = Symbol.for("fazhi.metrics");
/** Where scripts/request-id-preload.cjs finds the receiver of page timings. */
const OBSERVE_PAGE = Symbol.for("fazhi.metrics.observePage");
const holder = globalThis as unknown as { [KEY]?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: "fazhi_http_request_duration_seconds",
    help: "Time to answer a request to a route handler, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const pageDuration = new Histogram({
    name: "fazhi_page_request_duration_seconds",
    help: "Time to answer a request for a page (its HTML, a client-side navigation, an action posted to it), by method, page pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  (globalThis as unknown as Record<symbol, unknown>)[OBSERVE_PAGE] = (method: string, route: string, status: number, seconds: number) =>
    pageDuration.observe({ method, route, status: String(status) }, seconds);
  const actionDuration = new Histogram({
    name: "fazhi_server_action_duration_seconds",
    help: "Time a server action took, by action and outcome (ok, an expected error code, UNEXPECTED).",
    labelNames: ["action", "outcome"] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: "fazhi_job_duration_seconds",
    help: "Time a background job run took, by job and outcome (ok, error).",
    labelNames: ["job", "outcome"] as const,
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: "fazhi_db_pool_connections",
    help: "Connections in the app's PostgreSQL pool: total and idle.",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const pool = appPool();
      this.reset();
      if (!pool) return;
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
    },
  });
  new Gauge({
    name: "fazhi_db_pool_waiting_requests",
    help: "Queries waiting for a free connection of the app's PostgreSQL pool.",
    registers: [registry],
    collect() {
      this.set(appPool()?.waitingCount ?? 0);
    },
  });
  return { registry, httpDuration, pageDuration, actionDuration, jobDuration };
}

export function metrics(): Metrics {
  return (holder[KEY] ??= create());
}

export function observeRequestDuration(method: string, route: string, status: number, seconds: number): void {
  metrics().httpDuration.observe({ method, route, status: String(status) }, seconds);
}

export function observeActionDuration(action: string, outcome: string, seconds: number): void {
  metrics().actionDuration.observe({ action, outcome }, seconds);
}

export type JobDurationMessage = { type: "fazhi:job-duration"; job: string; seconds: number; outcome: "ok" | "error" };
/** The Next server's answer once it listens: messages sent before would be lost. */
const LISTENING_MESSAGE = { type: "fazhi:metrics-listening" } as const;
let forwardJobDuration: ((message: JobDurationMessage) => void) | null = null;

/** Called by the reminder and cleanup runs (scripts/start.ts, through timeJob). */
export function observeJobDuration(job: string, seconds: number, outcome: "ok" | "error" = "ok"): void {
  metrics().jobDuration.observe({ job, outcome }, seconds);
  forwardJobDuration?.({ type: "fazhi:job-duration", job, seconds, outcome });
}

/**
 * In scripts/start.ts: send each job's duration on to the Next server (spawned
 * with an IPC channel), which serves /api/metrics. Held back until the server
 * says it listens, as the first run starts while Next is still booting.
 */
export function forwardJobDurationsTo(server: ChildProcess): void {
  let listening = false;
  const pending: JobDurationMessage[] = [];
  const send = (message: JobDurationMessage) => {
    if (server.connected) server.send(message);
  };
  server.on("message", (message) => {
    if ((message as { type?: unknown })?.type !== LISTENING_MESSAGE.type || listening) return;
    listening = true;
    pending.splice(0).forEach(send);
  });
  forwardJobDuration = (message) => {
    if (listening) send(message);
    else if (pending.length < 100) pending.push(message);
  };
}

/** Times one job run; the run's own result or error passes through unchanged. */
export async function timeJob<T>(job: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let outcome: "ok" | "error" = "error";
  try {
    const result = await run();
    outcome = "ok";
    return result;
  } finally {
    observeJobDuration(job, (performance.now() - started) / 1000, outcome);
  }
}

export function isJobDurationMessage(message: unknown): message is JobDurationMessage {
  const m = message as Partial<JobDurationMessage> | null;
  return (
    typeof m === "object" &&
    m !== null &&
    m.type === "fazhi:job-duration" &&
    typeof m.job === "string" &&
    typeof m.seconds === "number" &&
    Number.isFinite(m.seconds) &&
    m.seconds >= 0 &&
    (m.outcome === "ok" || m.outcome === "error")
  );
}

const LISTENING = Symbol.for("fazhi.metrics.listening");

/** In the Next server (instrumentation.ts): record the durations start.ts sends. Once per process. */
export function receiveJobDurations(): void {
  const flags = globalThis as unknown as { [LISTENING]?: boolean };
  if (flags[LISTENING] || typeof process.send !== "function") return;
  flags[LISTENING] = true;
  process.on("message", (message) => {
    if (isJobDurationMessage(message)) metrics().jobDuration.observe({ job: message.job, outcome: message.outcome }, message.seconds);
  });
  process.send(LISTENING_MESSAGE);
}

/**
 * Wraps a route handler so its time is observed under its route pattern
 * (e.g. "/attachments/[id]", never the concrete path, to keep the label set small).
 */
export function withRouteMetrics<A extends [Request?, ...unknown[]]>(
  route: string,
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    const started = performance.now();
    const method = args[0]?.method ?? "GET";
    let status = 500;
    try {
      const response = await handler(...args);
      status = response.status;
      return response;
    } catch (error) {
      status = statusOfThrown(error);
      throw error;
    } finally {
      observeRequestDuration(method, route, status, (performance.now() - started) / 1000);
    }
  };
}

/**
 * notFound() and redirect() from next/navigation throw; Next turns them into
 * a 404 or a redirect, so they are counted as such, not as server errors.
 * Their digests: "NEXT_HTTP_ERROR_FALLBACK;404", "NEXT_REDIRECT;replace;/login;307;".
 */
export function statusOfThrown(error: unknown): number {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string") return 500;
  const parts = digest.split(";");
  if (parts[0] === "NEXT_HTTP_ERROR_FALLBACK") return Number(parts[1]) || 500;
  if (parts[0] === "NEXT_REDIRECT") return Number(parts[3]) || 307;
  return 500;
}
