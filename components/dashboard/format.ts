/** 85.3%, or "—" when there is nothing to divide by (never a misleading 0%). */
export function percent(value: number | null): string {
  return value === null ? "—" : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** part / whole as a percentage string, "—" for an empty whole. */
export function ratio(part: number, whole: number): string {
  return percent(whole > 0 ? part / whole : null);
}
