import { circularDocxGet } from "@/lib/circulars/routes.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

export const GET = withRouteMetrics(
  "/circulars/[id]/docx",
  async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
    return circularDocxGet((await params).id);
  },
);
