import { noticeDocxGet } from "@/lib/reviews/routes.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

export const GET = withRouteMetrics("/reviews/notice/docx", noticeDocxGet);
