import { describe, expect, it } from "vitest";
import { safeRedirectTarget } from "@/lib/auth/redirect.ts";

const APP = "http://localhost:3000";

describe("safeRedirectTarget", () => {
  it.each([
    // What arrives after the query string is decoded, and still-encoded variants.
    ["/\\evil.example/phish", "/"],
    ["/%5Cevil.example/phish", "/%5Cevil.example/phish"],
    ["/\t/evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["\\\\evil.example", "/"],
    ["\\/evil.example", "/"],
    ["//evil.example", "/"],
    ["//evil.example/path?x=1", "/"],
    ["/\n/evil.example", "/"],
    [" //evil.example", "/"],
    ["https://evil.example", "/"],
    ["https://evil.example/login?callbackUrl=/", "/"],
    ["http://localhost:3000@evil.example/", "/"],
    ["http://localhost:3001/plans", "/"],
    ["https://localhost:3000/plans", "/"],
    ["javascript:alert(1)", "/"],
    ["JavaScript:alert(document.cookie)", "/"],
    ["java\tscript:alert(1)", "/"],
    ["data:text/html,<script>alert(1)</script>", "/"],
    ["/.//evil.example", "/evil.example"],
    ["%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["", "/"],
    [undefined, "/"],
    [null, "/"],
  ])("sends %j to %j", (target, expected) => {
    expect(safeRedirectTarget(target, APP)).toBe(expected);
  });

  it.each([
    ["/", "/"],
    ["/units", "/units"],
    ["/measures/12?period=2026-Q3&tab=reports#history", "/measures/12?period=2026-Q3&tab=reports#history"],
    ["/dashboard/district/3?plan=1&light=RED", "/dashboard/district/3?plan=1&light=RED"],
    ["/plans?q=%E6%B3%95%E6%B2%BB", "/plans?q=%E6%B3%95%E6%B2%BB"],
    ["http://localhost:3000/reports?year=2025", "/reports?year=2025"],
    ["units", "/units"],
  ])("keeps the internal target %j as %j", (target, expected) => {
    expect(safeRedirectTarget(target, APP)).toBe(expected);
  });

  it("never answers a path the browser would read as another host", () => {
    for (const target of ["/\\/evil", "/%2F/evil", "/..//evil", "/./\\evil", "///evil", "/\\\\evil"]) {
      const result = safeRedirectTarget(target, APP);
      expect(result.startsWith("/")).toBe(true);
      expect(new URL(result, APP).origin).toBe(APP);
    }
  });
});
