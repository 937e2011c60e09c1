/** Today's calendar date in China (deadlines and periods are Beijing dates), "YYYY-MM-DD". */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A DATE column as Prisma returns it (midnight UTC) back to its calendar date "YYYY-MM-DD"; null stays null. */
export function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/** "2024-06-30" → "2024年6月30日", as official documents write dates. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
