// The one place dates are turned into text and back. Two kinds of value:
// - a DATE column (deadline, period start, issue date) is a calendar date;
//   Prisma hands it back as midnight UTC, so its UTC date part is the date;
// - a timestamp (createdAt, submittedAt …) is an instant; people mean the day
//   it fell on in Beijing, and read its time in Beijing.
// China keeps UTC+8 all year (no daylight saving), which the SQL helpers
// beside this module (lib/dates-sql.ts) rely on.

const CHINA_TIME_ZONE = "Asia/Shanghai";
/** Beijing time is UTC+8 all year (no daylight saving), so a fixed offset is exact. */
export const CHINA_UTC_OFFSET_HOURS = 8;

const chinaDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: CHINA_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day a timestamp fell on in Beijing, "YYYY-MM-DD" (16:00 UTC is already the next day). */
export function chinaDate(instant: Date): string {
  return chinaDay.format(instant);
}

/** Today's calendar date in China (deadlines and periods are Beijing dates), "YYYY-MM-DD". */
export function todayInChina(now: Date = new Date()): string {
  return chinaDate(now);
}

/** This year in China, e.g. the latest year a report may be for. */
export function yearInChina(now: Date = new Date()): number {
  return Number(todayInChina(now).slice(0, 4));
}

/** A DATE column as Prisma returns it (midnight UTC) back to its calendar date "YYYY-MM-DD"; null stays null. */
export function isoDate(date: Date): string;
export function isoDate(date: Date | null): string | null;
export function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/** "YYYY-MM-DD" as the Date a DATE column stores (midnight UTC): the reverse of isoDate. */
export function dateColumn(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** A Beijing wall-clock hour of a calendar day as an instant (demo and test data are dated this way). */
export function chinaTime(date: string, hour = 10, minute = 0): Date {
  return new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+08:00`);
}

/** An instant as PostgreSQL timestamp text in UTC, "YYYY-MM-DD HH:MM:SS" (for bulk inserts of timestamp(3) columns, which hold UTC). */
export function utcTimestampText(instant: Date): string {
  return instant.toISOString().slice(0, 19).replace("T", " ");
}

/** The instant a Beijing calendar day begins (its 00:00 is 16:00 UTC the day before): the lower bound of a timestamp range. */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The instant the next Beijing day begins: the exclusive upper bound of a timestamp range ending on `date`. */
export function chinaDayEnd(date: string): Date {
  return new Date(chinaDayStart(date).getTime() + 86_400_000);
}

/** A date as people write it ("2024年6月30日", "2024.6.30", "2024-06-30", within other text) as "YYYY-MM-DD"; null when there is none or it does not exist (2024-02-30). */
export function readDate(text: string): string | null {
  const m = /(20\d{2}|19\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/.exec(text);
  return m ? calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Number of days in a month (month 1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0); // day 0 of the next month = last day of this one
  return d.getUTCDate();
}

/** "YYYY-MM-DD" of a year, month (1–12) and day the caller knows to be a real day. */
export function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "YYYY-MM-DD" when year, month (1–12) and day make a real day; null for 2023-02-29 or month 13. */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return ymd(year, month, day);
}

/** "2024-06-30" → "2024年6月30日", as official documents write dates. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

const dayText = new Intl.DateTimeFormat("zh-CN", {
  dateStyle: "medium",
  timeZone: "UTC",
});

/** A DATE column for reading on a page, "2024年6月30日" (the stored date, whatever the server's zone). */
export function formatDate(date: Date | string): string {
  return dayText.format(typeof date === "string" ? dateColumn(date) : date);
}

/** How a timestamp is shown in Beijing time; one formatter per style. */
const CHINA_TIME_STYLES = {
  /** 2024/6/30 14:05 — lists and timelines */
  minutes: { dateStyle: "short", timeStyle: "short" },
  /** 2024/6/30 14:05:09 — logs, where seconds tell events apart */
  seconds: { dateStyle: "short", timeStyle: "medium" },
  /** 2024年6月30日 — the Beijing day alone */
  day: { dateStyle: "medium" },
  /** 2024年6月30日 14:05 */
  dayMinutes: { dateStyle: "medium", timeStyle: "short" },
  /** 2024年6月30日 14:05 with the long date */
  long: { dateStyle: "long", timeStyle: "short" },
  /** 14:05 */
  clock: { timeStyle: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type ChinaTimeStyle = keyof typeof CHINA_TIME_STYLES;

const chinaTimeFormats = new Map<ChinaTimeStyle, Intl.DateTimeFormat>();

/** A timestamp in Beijing time for reading on a page, e.g. "2024/6/30 14:05". */
export function formatChinaTime(instant: Date, style: ChinaTimeStyle = "minutes"): string {
  let format = chinaTimeFormats.get(style);
  if (!format) {
    format = new Intl.DateTimeFormat("zh-CN", {
      ...CHINA_TIME_STYLES[style],
      timeZone: CHINA_TIME_ZONE,
    });
    chinaTimeFormats.set(style, format);
  }
  return format.format(instant);
}

const stampParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: CHINA_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "2026-12-06 10:05" in Beijing time, for exports and file headers that sort as text. */
export function chinaDateTime(instant: Date): string {
  const parts = stampParts.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}
