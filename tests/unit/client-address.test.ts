import { describe, expect, it } from "vitest";
import { throttleKey, clientAddress, normaliseAddress, signInClientOf } from "@/lib/auth/client-address.ts";

describe("clientAddress", () => {
  it.each([
    // No proxy: the preload leaves only the address Next took from the socket.
    ["127.0.0.1", 0, "127.0.0.1"],
    ["::1", 0, "::1"],
    ["::ffff:10.1.2.3", 0, "10.1.2.3"],
    [null, 0, null],
    ["", 0, null],
    // One proxy appends what it saw; the client's own entries to the left are not believed.
    ["6.6.6.6, 203.0.113.9", 1, "203.0.113.9"],
    ["203.0.113.9", 1, "203.0.113.9"],
    // Two proxies: the second from the right is what the outer one saw.
    ["6.6.6.6, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"],
    ["203.0.113.9", 2, "203.0.113.9"],
    ["not-an-address", 1, null],
    ["[2001:db8::1]:443", 1, "2001:db8::1"],
    ["198.51.100.7:55012", 1, "198.51.100.7"],
  ])("X-Forwarded-For %j with %i trusted proxies is %j", (header, proxies, expected) => {
    expect(clientAddress(header, proxies)).toBe(expected);
  });

  it("reads plain header objects (next-auth) and Headers alike, with the user agent", () => {
    const plain = { "x-forwarded-for": "203.0.113.9", "user-agent": "Mozilla/5.0" };
    expect(signInClientOf(plain, 0)).toEqual({ address: "203.0.113.9", userAgent: "Mozilla/5.0" });
    expect(signInClientOf(new Headers(plain), 0)).toEqual({ address: "203.0.113.9", userAgent: "Mozilla/5.0" });
    expect(signInClientOf(undefined, 0)).toEqual({ address: null, userAgent: null });
  });

  it("accepts only addresses", () => {
    expect(normaliseAddress("2001:DB8::1")).toBe("2001:db8::1");
    expect(normaliseAddress("<script>")).toBeNull();
  });
});

describe("throttleKey", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3::/64"],
    ["2001:db8:85a3:8d3::1", "2001:db8:85a3:8d3::/64"],
    ["2001:0DB8:0000:0001:ffff::2", "2001:db8:0:1::/64"],
    ["2001:db8::", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["64:ff9b::192.0.2.33", "64:ff9b:0:0::/64"],
  ])("%s is throttled as %s", (address, key) => {
    expect(throttleKey(address)).toBe(key);
  });

  it("puts every address of one /64 under one key, and a neighbouring /64 under another", () => {
    expect(throttleKey("2001:db8:1:2:aaaa::1")).toBe(throttleKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(throttleKey("2001:db8:1:3::1")).not.toBe(throttleKey("2001:db8:1:2::1"));
  });
});
