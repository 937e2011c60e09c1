import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

// next-auth 4's route handler is typed `any`; App Router calls it as a Request handler.
const handler = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;
const measured = withRouteMetrics("/api/auth/[...nextauth]", handler);
export { measured as GET, measured as POST };
