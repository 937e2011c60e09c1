import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// scripts/page-routes.cjs runs in the server process before Next (a --require
// preload), so it is CommonJS; loaded here the way the preload loads it.
const { pagePatterns, matchPage } = createRequire(import.meta.url)("../../../scripts/page-routes.cjs") as {
  pagePatterns(manifest: Record<string, string>): string[];
  matchPage(pathname: string, patterns: string[]): string | null;
};

const manifest = {
  "/(app)/page": "/",
  "/(app)/measures/[id]/page": "/measures/[id]",
  "/(app)/reports/new/page": "/reports/new",
  "/(app)/reports/[id]/page": "/reports/[id]",
  "/(app)/reports/[id]/docx/route": "/reports/[id]/docx",
  "/(app)/attachments/[id]/route": "/attachments/[id]",
  "/(app)/dashboard/city/[id]/page": "/dashboard/city/[id]",
  "/login/page": "/login",
  "/api/auth/[...nextauth]/route": "/api/auth/[...nextauth]",
  "/docs/[...slug]/page": "/docs/[...slug]",
};
const patterns = pagePatterns(manifest);

describe("pagePatterns", () => {
  it("keeps pages and leaves route handlers out (they are timed by withRouteMetrics)", () => {
    expect(patterns).toEqual(["/", "/measures/[id]", "/reports/new", "/reports/[id]", "/dashboard/city/[id]", "/login", "/docs/[...slug]"]);
  });
});

describe("matchPage", () => {
  it.each([
    ["/", "/"],
    ["/measures/12", "/measures/[id]"],
    ["/measures/12/", "/measures/[id]"],
    ["/reports/new", "/reports/new"],
    ["/reports/7", "/reports/[id]"],
    ["/dashboard/city/3", "/dashboard/city/[id]"],
    ["/login", "/login"],
    ["/docs/a/b/c", "/docs/[...slug]"],
    ["/docs", null],
    ["/reports/7/docx", null],
    ["/attachments/5", null],
    ["/measures", null],
    ["/measures/12/extra", null],
    ["/wp-admin/setup.php", null],
    ["/_next/static/chunks/app.js", null],
  ])("%s → %s", (pathname, expected) => {
    expect(matchPage(pathname, patterns)).toBe(expected);
  });
});
