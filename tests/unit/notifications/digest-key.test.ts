import { describe, expect, it } from "vitest";
import { formatDigestKey, isCurrentDigest, parseDigestKey, type DigestKey } from "@/lib/notifications/digest-key.ts";

describe("digest keys", () => {
  it.each<[DigestKey, string]>([
    [
      { kind: "REPORT_LATE", unitId: 12, cadence: "QUARTERLY", start: "2026-07-01", end: "2026-09-30" },
      "REPORT_LATE:12:QUARTERLY:2026-07-01:2026-09-30",
    ],
    [{ kind: "DUE_SOON", unitId: 3, month: "2026-12" }, "DUE_SOON:3:2026-12"],
    [{ kind: "OVERDUE", unitId: 3, month: "2026-01" }, "OVERDUE:3:2026-01"],
    [{ kind: "ARRIVALS", districtId: 5, day: "2026-12-06" }, "ARRIVALS:5:2026-12-06"],
  ])("%j ⇄ %s", (key, text) => {
    expect(formatDigestKey(key)).toBe(text);
    expect(parseDigestKey(text)).toEqual(key);
  });

  it.each([
    null,
    "",
    "REMINDER:1:2026-12",
    "DUE_SOON:0:2026-12",
    "DUE_SOON:x:2026-12",
    "DUE_SOON:012:2026-12",
    "DUE_SOON:2147483648:2026-12",
    "DUE_SOON:1:2026-13",
    "OVERDUE:1:2026-12:extra",
    "REPORT_LATE:1:WEEKLY:2026-07-01:2026-09-30",
    "REPORT_LATE:1:QUARTERLY:2026-07-01",
    "ARRIVALS:1:2026-12",
  ])("%j is not a digest key", (text) => expect(parseDigestKey(text)).toBeNull());
});

describe("isCurrentDigest", () => {
  const judged = [{ cadence: "QUARTERLY" as const, start: "2026-07-01" }];
  it.each([
    ["today's arrivals", "ARRIVALS:3:2026-12-06", true],
    ["yesterday's arrivals", "ARRIVALS:3:2026-12-05", false],
    ["this month's overdue digest", "OVERDUE:7:2026-12", true],
    ["last month's due-soon digest", "DUE_SOON:7:2026-11", false],
    ["the quarter judged today", "REPORT_LATE:7:QUARTERLY:2026-07-01:2026-09-30", true],
    ["an earlier quarter", "REPORT_LATE:7:QUARTERLY:2026-04-01:2026-06-30", false],
    ["another cadence's period", "REPORT_LATE:7:MONTHLY:2026-07-01:2026-07-31", false],
  ])("%s", (_case, text, current) => {
    expect(isCurrentDigest(parseDigestKey(text)!, "2026-12-06", judged)).toBe(current);
  });
});
