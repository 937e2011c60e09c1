import { withRouteMetrics } from "@/lib/ops/metrics.ts";

export const dynamic = "force-dynamic";

/**
 * Liveness, for a process supervisor or load balancer: the process answers.
 * It does not touch the database, so an outage of PostgreSQL does not get
 * every app server restarted; /api/ready says whether to send it traffic.
 */
export const GET = withRouteMetrics("/api/health", () =>
  Promise.resolve(Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } })),
);
