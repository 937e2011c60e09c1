import { Prisma } from "@/lib/generated/prisma/client.ts";

// The SQL side of lib/dates.ts. Timestamps are stored as UTC wall-clock time
// in `timestamp(3)` columns (no zone); China keeps UTC+8 all year, so adding
// eight hours gives Beijing wall-clock time (cheaper than a time-zone lookup
// per row at 100,000 rows). Kept apart from lib/dates.ts so
// client components that format dates do not pull in the Prisma client.

/** The Beijing calendar day a UTC timestamp column falls on, as a SQL `date`. */
export const chinaDateSql = (column: Prisma.Sql) => Prisma.sql`(${column} + interval '8 hours')::date`;

/** The same day as text "YYYY-MM-DD", for rows handed straight to the page. */
export const chinaDateTextSql = (column: Prisma.Sql) => Prisma.sql`to_char(${chinaDateSql(column)}, 'YYYY-MM-DD')`;

/** A UTC timestamp column falls on a Beijing day from `from` to `to` (inclusive): a range an index can use. */
export const chinaDaysSql = (column: Prisma.Sql, from: string, to: string = from) =>
  Prisma.sql`${column} >= ${from}::date - interval '8 hours' AND ${column} < ${to}::date + 1 - interval '8 hours'`;
