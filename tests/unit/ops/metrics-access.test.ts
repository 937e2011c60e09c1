import { describe, expect, it } from "vitest";
import { metricsAccess, tokensEqual } from "@/lib/ops/metrics-access.ts";

const TOKEN = "s3cret-token-of-enough-length";

describe("tokensEqual", () => {
  it.each([
    [TOKEN, TOKEN, true],
    [TOKEN, `${TOKEN}x`, false],
    [TOKEN, TOKEN.slice(0, -1), false],
    [TOKEN, TOKEN.toUpperCase(), false],
    [TOKEN, "", false],
  ])("%s vs %s → %s", (given, configured, expected) => {
    expect(tokensEqual(given, configured)).toBe(expected);
  });
});

describe("metricsAccess", () => {
  it.each([
    // No token configured: the endpoint does not exist for anyone.
    [undefined, undefined, "not-configured", 404],
    [`Bearer ${TOKEN}`, undefined, "not-configured", 404],
    [`Bearer ${TOKEN}`, "", "not-configured", 404],
    [null, TOKEN, "missing", 401],
    ["", TOKEN, "missing", 401],
    [`Basic ${TOKEN}`, TOKEN, "missing", 401],
    ["Bearer", TOKEN, "missing", 401],
    ["Bearer wrong-token", TOKEN, "wrong", 401],
    [`Bearer ${TOKEN}`, TOKEN, "allowed", 200],
    [`bearer ${TOKEN}`, TOKEN, "allowed", 200],
    [`Bearer   ${TOKEN}  `, TOKEN, "allowed", 200],
  ])("header %o with configured %o → %s (%i)", (header, configured, access, status) => {
    const result = metricsAccess(header ?? null, configured);
    expect(result).toEqual({ access, status });
  });
});
