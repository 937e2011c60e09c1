import { apiRoute, parseQuery, pathId } from "@/lib/api/http.ts";
import { districtDashboard } from "@/lib/api/queries.ts";
import { dashboardQuery, districtDashboardSchema } from "@/lib/api/schema.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ districtId: string }, typeof districtDashboardSchema>(
  "/api/v1/dashboards/districts/[districtId]",
  districtDashboardSchema,
  async ({ caller, url, params }) => {
    const districtId = pathId(params.districtId);
    return districtDashboard(caller.actor, districtId, parseQuery(dashboardQuery, url).period);
  },
);
