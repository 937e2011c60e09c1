import { parseEnv } from "@/lib/env.ts";
import { metrics, withRouteMetrics } from "@/lib/ops/metrics.ts";
import { metricsAccess } from "@/lib/ops/metrics-access.ts";

export const dynamic = "force-dynamic";

/** Prometheus text format, for whoever holds METRICS_TOKEN (Authorization: Bearer …). */
export const GET = withRouteMetrics("/api/metrics", async (request?: Request) => {
  const { status } = metricsAccess(request?.headers.get("authorization") ?? null, parseEnv().METRICS_TOKEN);
  if (status === 404) return new Response("Not Found", { status: 404, headers: { "Cache-Control": "no-store" } });
  if (status === 401) {
    return new Response("Unauthorized", {
      status: 401,
      headers: { "WWW-Authenticate": "Bearer", "Cache-Control": "no-store" },
    });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
});
