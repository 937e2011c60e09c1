import { notFound } from "next/navigation";

// Every table's id is a PostgreSQL int: 1 … 2^31 − 1. Ids arrive from URLs,
// query strings, forms and server-action calls anyone can forge; a value
// outside the column's range would reach the database and fail there (a 500),
// so anything that is not a valid id is refused here, once, for routes and
// actions alike.

export const MAX_ID = 2_147_483_647;

/** Plain decimal digits, no sign, no leading zero: one spelling per id, so one URL per record. */
const DIGITS = /^[1-9][0-9]{0,9}$/;

/** The value as a database id, or null when it is not one (0, negative, too large, 1e3, 1.5, "12abc", blank…). */
export function parseId(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 && value <= MAX_ID ? value : null;
  if (typeof value !== "string" || !DIGITS.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}

/** A query-string value (Next.js gives string, string[] or undefined) as an id, or undefined. */
export function searchParamId(value: string | string[] | undefined): number | undefined {
  return parseId(Array.isArray(value) ? value[0] : value) ?? undefined;
}

/**
 * A page's [id] segment as an id. Anything else is a page that does not
 * exist: notFound(), the same 404 as a missing or out-of-scope record, so a
 * malformed URL never reaches a query. (Route handlers answer their own 404
 * with parseId; the JSON API uses pathId in lib/api/http.ts.)
 */
export function routeId(segment: string | undefined): number {
  const id = parseId(segment);
  if (id === null) notFound();
  return id;
}
