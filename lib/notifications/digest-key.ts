import { REPORT_CADENCES } from "@/lib/reporting/periods.ts";
import type { ReportCadence } from "@/lib/generated/prisma/enums.ts";
import { parseId } from "@/lib/ids.ts";

// What one digest notification stands for, written into Notification.digest
// and read back to list its items live. The SQL in digests.ts reads the same
// fields with split_part, so the order of the parts is fixed:
//
//   REPORT_LATE:<unitId>:<cadence>:<periodStart>:<periodEnd>   a unit's reports owed for a period
//   DUE_SOON:<unitId>:<YYYY-MM>     a unit's measures due within 30 days, raised in that month
//   OVERDUE:<unitId>:<YYYY-MM>      a unit's measures past their deadline, raised in that month
//   ARRIVALS:<districtId>:<YYYY-MM-DD>   reports and extension requests a district's bureau received that day

export type DigestKey =
  | { kind: "REPORT_LATE"; unitId: number; cadence: ReportCadence; start: string; end: string }
  | { kind: "DUE_SOON" | "OVERDUE"; unitId: number; month: string }
  | { kind: "ARRIVALS"; districtId: number; day: string };

export type DigestKind = DigestKey["kind"];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function formatDigestKey(key: DigestKey): string {
  switch (key.kind) {
    case "REPORT_LATE":
      return `REPORT_LATE:${key.unitId}:${key.cadence}:${key.start}:${key.end}`;
    case "DUE_SOON":
    case "OVERDUE":
      return `${key.kind}:${key.unitId}:${key.month}`;
    case "ARRIVALS":
      return `ARRIVALS:${key.districtId}:${key.day}`;
  }
}

/** The key back from its text; null for anything malformed. */
export function parseDigestKey(text: string | null | undefined): DigestKey | null {
  if (!text) return null;
  const [kind, id, ...rest] = text.split(":");
  const n = parseId(id);
  if (n === null) return null;
  if (kind === "REPORT_LATE" && rest.length === 3) {
    const [cadence, start, end] = rest as [string, string, string];
    if (!(REPORT_CADENCES as readonly string[]).includes(cadence) || !DAY.test(start) || !DAY.test(end)) return null;
    return { kind, unitId: n, cadence: cadence as ReportCadence, start, end };
  }
  if ((kind === "DUE_SOON" || kind === "OVERDUE") && rest.length === 1 && MONTH.test(rest[0]!)) return { kind, unitId: n, month: rest[0]! };
  if (kind === "ARRIVALS" && rest.length === 1 && DAY.test(rest[0]!)) return { kind, districtId: n, day: rest[0]! };
  return null;
}

/**
 * Whether a digest still speaks of today: the day's arrivals, this month's
 * deadline digests, a report period being judged today (`judged`, from
 * judgedPeriods). Older ones are history and show what they said that day.
 */
export function isCurrentDigest(key: DigestKey, today: string, judged: readonly { cadence: ReportCadence; start: string }[]): boolean {
  switch (key.kind) {
    case "ARRIVALS":
      return key.day === today;
    case "DUE_SOON":
    case "OVERDUE":
      return key.month === today.slice(0, 7);
    case "REPORT_LATE":
      return judged.some((p) => p.cadence === key.cadence && p.start === key.start);
  }
}
