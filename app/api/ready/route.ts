import { withRouteMetrics } from "@/lib/ops/metrics.ts";
import { checkReadiness } from "@/lib/ops/readiness.ts";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database answers, every migration is applied and the store is writable; else 503. */
export const GET = withRouteMetrics("/api/ready", async () => {
  const { status, body } = await checkReadiness();
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
});
