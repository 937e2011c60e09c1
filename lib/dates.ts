/** Today's calendar date in China (deadlines and periods are Beijing dates), "YYYY-MM-DD". */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
