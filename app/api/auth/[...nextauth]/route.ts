import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

const handler = NextAuth(authOptions);
const measured = withRouteMetrics("/api/auth/[...nextauth]", handler);
export { measured as GET, measured as POST };
