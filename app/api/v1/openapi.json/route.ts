import { openApiDocument } from "@/lib/api/openapi.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

export const dynamic = "force-dynamic";

/** The document needs no token: it describes the API and holds no data, and an integrator reads it before having one. */
export const GET = withRouteMetrics("/api/v1/openapi.json", () =>
  Promise.resolve(Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } })),
);
