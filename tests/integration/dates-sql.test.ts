import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { db } from "@/lib/db/client.ts";
import { chinaDate } from "@/lib/dates.ts";
import { chinaDateSql, chinaDateTextSql, chinaDaysSql } from "@/lib/dates-sql.ts";

// The SQL helpers agree with lib/dates.ts on the stored `timestamp(3)` columns:
// the same instant is the same Beijing day in the database and in the app.

const INSTANTS = [
  "2024-06-30T15:59:59.999Z",
  "2024-06-30T16:00:00.000Z",
  "2024-12-31T15:59:59.999Z",
  "2024-12-31T16:00:00.000Z",
  "2024-02-28T16:00:00.000Z",
  "2025-01-01T00:00:00.000Z",
];

/** The instant as Prisma stores it: UTC wall-clock time in a column without a zone. */
const stored = (instant: string) => Prisma.sql`${instant.replace("T", " ").replace("Z", "")}::timestamp(3)`;

describe("chinaDateSql / chinaDateTextSql", () => {
  it.each(INSTANTS)("%s falls on the day chinaDate gives", async (instant) => {
    const [row] = await db().$queryRaw<{ day: string; text: string }[]>`
      SELECT ${chinaDateSql(stored(instant))}::text AS "day", ${chinaDateTextSql(stored(instant))} AS "text"`;
    expect(row).toEqual({
      day: chinaDate(new Date(instant)),
      text: chinaDate(new Date(instant)),
    });
  });
});

describe("chinaDaysSql", () => {
  it.each<[string, string, string, boolean]>([
    ["2024-06-30T15:59:59.999Z", "2024-06-30", "2024-06-30", true],
    ["2024-06-30T16:00:00.000Z", "2024-06-30", "2024-06-30", false],
    ["2024-06-29T16:00:00.000Z", "2024-06-30", "2024-06-30", true],
    ["2024-06-29T15:59:59.999Z", "2024-06-30", "2024-06-30", false],
    ["2024-12-31T15:59:59.999Z", "2024-01-01", "2024-12-31", true],
    ["2024-12-31T16:00:00.000Z", "2024-01-01", "2024-12-31", false],
    ["2023-12-31T16:00:00.000Z", "2024-01-01", "2024-12-31", true],
  ])("%s within %s … %s: %s", async (instant, from, to, inside) => {
    const [row] = await db().$queryRaw<{ inside: boolean }[]>`SELECT (${chinaDaysSql(stored(instant), from, to)}) AS "inside"`;
    expect(row?.inside).toBe(inside);
    expect(from <= chinaDate(new Date(instant)) && chinaDate(new Date(instant)) <= to).toBe(inside);
  });
});
