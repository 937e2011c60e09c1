import { describe, expect, it } from "vitest";
import { generateToken, hashToken, looksLikeToken, TOKEN_PREFIX } from "@/lib/api-tokens/secret.ts";
import { bearerToken } from "@/lib/api/auth.ts";
import { navigationFor } from "@/lib/navigation.ts";
import type { Actor } from "@/lib/auth/policy.ts";

describe("generateToken", () => {
  it("makes a fresh 256-bit token each time, with its visible prefix and its sha256", () => {
    const tokens = Array.from({ length: 50 }, () => generateToken());
    expect(new Set(tokens.map((t) => t.token)).size).toBe(50);
    for (const { token, prefix, secretHash } of tokens) {
      expect(token).toMatch(/^fzt_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.slice(TOKEN_PREFIX.length), "base64url")).toHaveLength(32);
      expect(prefix).toBe(token.slice(0, 12));
      expect(secretHash).toBe(hashToken(token));
      expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("hashes with sha256", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("reading the Authorization header", () => {
  const token = `fzt_${"a".repeat(43)}`;
  it.each([
    [null, null],
    ["", null],
    [`Bearer ${token}`, token],
    [`bearer ${token}`, token],
    [`  Bearer   ${token}  `, token],
    [`Basic ${token}`, null],
    [`Bearer ${token} extra`, null],
    ["Bearer", null],
  ])("%j → %j", (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });

  it.each([
    [token, true],
    [`fzt_${"a".repeat(42)}`, false],
    [`fzt_${"a".repeat(44)}`, false],
    [`xyz_${"a".repeat(43)}`, false],
    [`fzt_${"a".repeat(42)}=`, false],
    ["metrics-token", false],
  ])("looksLikeToken(%j) = %j", (value, expected) => {
    expect(looksLikeToken(value)).toBe(expected);
  });
});

describe("接口令牌 in the menu", () => {
  const actor = (role: Actor["role"]): Actor => ({
    id: 1,
    name: "x",
    role,
    regionId: role === "ADMIN" ? null : 1,
    scopeRegionIds: [1],
    unitId: null,
  });
  it.each([
    ["ADMIN", true],
    ["BUREAU", false],
    ["LEADER", false],
    ["LIAISON", false],
  ] as const)("%s: %s", (role, shown) => {
    expect(navigationFor(actor(role)).some((item) => item.href === "/api-tokens")).toBe(shown);
  });
});
