import { describe, expect, it } from "vitest";
import {
  calendarDate,
  chinaTime,
  utcTimestampText,
  chinaDate,
  chinaDateTime,
  chinaDayEnd,
  chinaDayStart,
  chineseDate,
  dateColumn,
  formatChinaTime,
  formatDate,
  isoDate,
  readDate,
  todayInChina,
  yearInChina,
  type ChinaTimeStyle,
} from "@/lib/dates.ts";

describe("chinaDate: the Beijing day of a timestamp", () => {
  it.each<[string, string]>([
    ["2024-06-30T00:00:00Z", "2024-06-30"],
    ["2024-06-30T15:59:59.999Z", "2024-06-30"],
    // 16:00 UTC is 00:00 the next day in Beijing.
    ["2024-06-30T16:00:00Z", "2024-07-01"],
    ["2024-12-31T15:59:59Z", "2024-12-31"],
    ["2024-12-31T16:00:00Z", "2025-01-01"],
    ["2023-12-31T23:30:00Z", "2024-01-01"],
    ["2024-02-28T16:00:00Z", "2024-02-29"],
    ["2025-02-28T16:00:00Z", "2025-03-01"],
    // No daylight saving: the same offset in summer and winter.
    ["2024-01-15T16:00:00Z", "2024-01-16"],
    ["2024-07-15T16:00:00Z", "2024-07-16"],
  ])("%s → %s", (instant, day) => {
    expect(chinaDate(new Date(instant))).toBe(day);
    expect(todayInChina(new Date(instant))).toBe(day);
    expect(yearInChina(new Date(instant))).toBe(Number(day.slice(0, 4)));
  });
});

describe("isoDate and dateColumn: a DATE column and its text", () => {
  it.each<[string, string]>([
    ["2024-06-30", "2024-06-30T00:00:00.000Z"],
    ["2024-12-31", "2024-12-31T00:00:00.000Z"],
    ["2025-01-01", "2025-01-01T00:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
  ])("%s ↔ %s", (day, stored) => {
    expect(dateColumn(day).toISOString()).toBe(stored);
    expect(isoDate(new Date(stored))).toBe(day);
  });

  it("null stays null", () => {
    expect(isoDate(null)).toBeNull();
  });

  it("takes the UTC date part, not the Beijing day (a DATE column is not an instant)", () => {
    expect(isoDate(new Date("2024-12-31T20:00:00Z"))).toBe("2024-12-31");
  });
});

describe("chinaDayStart / chinaDayEnd: a Beijing day as a timestamp range", () => {
  it.each<[string, string, string]>([
    ["2024-06-30", "2024-06-29T16:00:00.000Z", "2024-06-30T16:00:00.000Z"],
    ["2025-01-01", "2024-12-31T16:00:00.000Z", "2025-01-01T16:00:00.000Z"],
    ["2024-12-31", "2024-12-30T16:00:00.000Z", "2024-12-31T16:00:00.000Z"],
    ["2024-02-29", "2024-02-28T16:00:00.000Z", "2024-02-29T16:00:00.000Z"],
  ])("%s is [%s, %s)", (day, start, end) => {
    expect(chinaDayStart(day).toISOString()).toBe(start);
    expect(chinaDayEnd(day).toISOString()).toBe(end);
    expect(chinaDate(chinaDayStart(day))).toBe(day);
    expect(chinaDate(new Date(chinaDayEnd(day).getTime() - 1))).toBe(day);
  });
});

describe("text for people", () => {
  it.each<[string, string]>([
    ["2024-06-30", "2024年6月30日"],
    ["2025-01-01", "2025年1月1日"],
  ])("chineseDate %s → %s", (day, text) => {
    expect(chineseDate(day)).toBe(text);
  });

  it.each<[Date | string, string]>([
    [new Date("2024-06-30T00:00:00Z"), "2024年6月30日"],
    ["2024-12-31", "2024年12月31日"],
  ])("formatDate %j → %s", (date, text) => {
    expect(formatDate(date)).toBe(text);
  });

  const instant = new Date("2024-12-31T16:05:09Z"); // 2025-01-01 00:05:09 in Beijing
  it.each<[ChinaTimeStyle, string]>([
    ["minutes", "2025/1/1 00:05"],
    ["seconds", "2025/1/1 00:05:09"],
    ["day", "2025年1月1日"],
    ["dayMinutes", "2025年1月1日 00:05"],
    ["long", "2025年1月1日 00:05"],
    ["clock", "00:05"],
  ])("formatChinaTime(%s)", (style, text) => {
    expect(formatChinaTime(instant, style)).toBe(text);
  });

  it("formatChinaTime's seconds style reads as toLocaleString did", () => {
    expect(formatChinaTime(instant, "seconds")).toBe(instant.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }));
  });

  it.each<[string, string]>([
    ["2026-12-06T02:05:00Z", "2026-12-06 10:05"],
    ["2026-12-31T16:00:00Z", "2027-01-01 00:00"],
    ["2026-12-31T15:59:00Z", "2026-12-31 23:59"],
  ])("chinaDateTime %s → %s", (instant, text) => {
    expect(chinaDateTime(new Date(instant))).toBe(text);
  });
});

describe("readDate: a date as people write it", () => {
  it.each<[string, string | null]>([
    ["2024年6月30日", "2024-06-30"],
    ["2024-06-30", "2024-06-30"],
    ["2024.6.3", "2024-06-03"],
    ["2024/12/31", "2024-12-31"],
    ["2024 年 1 月 1 日", "2024-01-01"],
    ["印发于2024年2月29日", "2024-02-29"],
    ["2023年2月29日", null],
    ["2024年13月1日", null],
    ["2024年6月", null],
    ["1899年1月1日", null],
    ["", null],
  ])("%j → %j", (text, date) => {
    expect(readDate(text)).toBe(date);
  });
});

describe("calendarDate: parts that make a real day", () => {
  it.each<[number, number, number, string | null]>([
    [2024, 6, 3, "2024-06-03"],
    [2024, 12, 31, "2024-12-31"],
    [2024, 2, 29, "2024-02-29"],
    [2023, 2, 29, null],
    [2021, 2, 30, null],
    [2024, 13, 1, null],
    [2024, 0, 10, null],
    [2024, 6, 0, null],
  ])("%i-%i-%i → %j", (year, month, day, date) => {
    expect(calendarDate(year, month, day)).toBe(date);
  });
});

describe("chinaTime and utcTimestampText: a Beijing wall-clock time as an instant, and as UTC text", () => {
  it.each<[string, number, number, string]>([
    ["2026-03-20", 15, 0, "2026-03-20 07:00:00"],
    ["2026-03-20", 9, 30, "2026-03-20 01:30:00"],
    // Before 08:00 Beijing the UTC day is the day before, the case the synthetic province's old hour - 8 could not write.
    ["2026-01-01", 7, 59, "2025-12-31 23:59:00"],
    ["2024-03-01", 0, 0, "2024-02-29 16:00:00"],
  ])("%s %i:%i Beijing → %s UTC", (date, hour, minute, utc) => {
    expect(utcTimestampText(chinaTime(date, hour, minute))).toBe(utc);
  });

  it("is 10:00 unless told", () => {
    expect(chinaTime("2026-06-30").toISOString()).toBe("2026-06-30T02:00:00.000Z");
  });
});
