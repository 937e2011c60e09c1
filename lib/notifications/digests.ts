import type { Db, Tx } from "@/lib/db/client.ts";
import { periodOwedSql, planChasedSql, planFirstDaySql, planLastDaySql } from "@/lib/plans/window-sql.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { ReportCadence } from "@/lib/generated/prisma/enums.ts";
import { DUE_SOON_DAYS } from "@/lib/reporting/lights.ts";
import { addDays } from "@/lib/reporting/periods.ts";
import {
  arrivalsDigestMessage,
  periodLabel,
  reminderDigestMessage,
  type DigestItem,
  type DigestMessage,
} from "@/lib/notifications/messages.ts";
import { formatDigestKey, type DigestKey } from "@/lib/notifications/digest-key.ts";
import { chasedOn, FROM_ASSIGNMENTS, judgedPeriods } from "@/lib/notifications/reminder-queries.ts";
import { chinaDateSql, chinaDaysSql } from "@/lib/dates-sql.ts";

// The reminder job's digests (see job.ts). A digest is a Notification with a
// `digest` key (digest-key.ts): one per liaison of a unit, period and kind, or
// per bureau user of a district and day. What it lists is not stored: it is
// read live from the facts (digestMessage), so a report that arrives, a
// measure completed or a deadline extended shrinks it at once, and when
// nothing is left it is resolved (marked read, worded "已全部报送"). The
// stored title and body are those of the day it was written (what an e-mail
// carries).
//
// Everything that touches the province's million assignments is aggregated in
// SQL: one GROUP BY per kind, one INSERT … SELECT per batch of groups, one
// UPDATE per kind to resolve.

type Client = Db | Tx;

/** Runs `work` in a transaction, or in the caller's. */
function inTransaction<T>(client: Client, work: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in client ? (client as Db).$transaction(work, { timeout: 300_000 }) : work(client as Tx);
}
type ReminderKey = Exclude<DigestKey, { kind: "ARRIVALS" }>;

/** The assignment (a, m, p) owes a report for the period [start, end] of its plan's cadence and has not sent it. */
const owesReport = (cadence: Prisma.Sql, start: Prisma.Sql, end: Prisma.Sql) => Prisma.sql`
  p."reportCadence"::text = ${cadence}
  AND ${periodOwedSql("p", start, end, chinaDateSql(Prisma.sql`a."createdAt"`))}
  AND NOT EXISTS (
    SELECT 1 FROM "ProgressReport" r
    WHERE r."assignmentId" = a."id" AND r."periodStart" = ${start} AND r."state" IN ('SUBMITTED', 'APPROVED')
  )`;

/** The measure (m) is due within 30 days (DUE_SOON) or past its deadline (OVERDUE) on `today`. */
const deadlineNear = (kind: "DUE_SOON" | "OVERDUE", today: string) => Prisma.sql`
  NOT m."ongoing"
  AND ${kind === "DUE_SOON" ? Prisma.sql`m."deadline" BETWEEN ${today}::date AND ${today}::date + ${DUE_SOON_DAYS}::int` : Prisma.sql`m."deadline" < ${today}::date`}`;

// ---------------------------------------------------------------------------
// Writing

export type DigestGroup = { digest: string; kind: DigestKey["kind"]; audienceId: number; districtId: number; message: DigestMessage };

const LISTED = 20;
/** Per group: how many measures, and the first few ids (their code and text are read afterwards, once per measure). */
const SAMPLE = Prisma.sql`
  count(DISTINCT c."measureId")::int AS "total",
  (array_agg(c."measureId" ORDER BY c."measureId"))[1:${Prisma.raw(String(LISTED))}] AS "ids"`;

type GroupRow = { districtId: number; unitId: number; total: number; ids: number[] };

/**
 * The measures that are done (every LEAD assignment completed), and the
 * assignments chased (queries.ts CHASED, restated as joins so that a million
 * rows are not each probed with subqueries) of units that have a liaison.
 */
const chasedRows = (today: string) => Prisma.sql`
  done AS MATERIALIZED (
    SELECT "measureId" FROM "Assignment" WHERE "role" = 'LEAD' GROUP BY "measureId" HAVING bool_and("status" = 'COMPLETED')
  ),
  reached AS MATERIALIZED (
    SELECT DISTINCT "unitId" FROM "User" WHERE "role" = 'LIAISON' AND "active" AND "unitId" IS NOT NULL
  ),
  chased AS MATERIALIZED (
    SELECT a."id", a."districtId", a."unitId", a."createdAt", a."measureId", m."deadline", m."ongoing",
      p."reportCadence"::text AS "cadence", p."reportDueDay" AS "dueDay",
      ${planFirstDaySql("p")} AS "firstDay", ${planLastDaySql("p")} AS "lastDay"
    FROM "Assignment" a
    JOIN "Measure" m ON m."id" = a."measureId"
    JOIN "Plan" p ON p."id" = m."planId"
    JOIN "Unit" u ON u."id" = a."unitId"
    JOIN reached ON reached."unitId" = a."unitId"
    WHERE a."status" <> 'COMPLETED' AND ${planChasedSql("p", Prisma.sql`${today}::date`)} AND u."active"
      AND NOT EXISTS (SELECT 1 FROM done WHERE done."measureId" = a."measureId")
  )`;

/** The statement behind reminderGroups (exported for the bench's EXPLAIN). */
export function reminderGroupsSql(today: string) {
  const periods = judgedPeriods(today);
  return Prisma.sql`
    WITH per AS (
      SELECT DISTINCT * FROM unnest(
        ${periods.map((p) => p.cadence)}::text[],
        ${periods.map((p) => p.dueDay)}::int[],
        ${periods.map((p) => p.period.start)}::date[],
        ${periods.map((p) => p.period.end)}::date[]
      ) AS t("cadence", "dueDay", "start", "end")
    ),
    ${chasedRows(today)},
    -- The reports sent for the periods judged: one pass over the reports, then a hash anti-join.
    sent AS MATERIALIZED (
      SELECT r."assignmentId", r."periodStart" FROM "ProgressReport" r
      WHERE r."periodStart" IN (SELECT DISTINCT "start" FROM per) AND r."state" IN ('SUBMITTED', 'APPROVED') AND r."assignmentId" IS NOT NULL
    )
    SELECT 'REPORT_LATE' AS "kind", c."districtId", c."unitId", per."cadence",
      to_char(per."start", 'YYYY-MM-DD') AS "start", to_char(per."end", 'YYYY-MM-DD') AS "end", ${SAMPLE}
    FROM chased c
    JOIN per ON per."cadence" = c."cadence" AND per."dueDay" = c."dueDay"
    WHERE per."end" >= GREATEST(c."firstDay", ${chinaDateSql(Prisma.sql`c."createdAt"`)})
      AND (c."lastDay" IS NULL OR per."start" <= c."lastDay")
      AND NOT EXISTS (SELECT 1 FROM sent WHERE sent."assignmentId" = c."id" AND sent."periodStart" = per."start")
    GROUP BY c."districtId", c."unitId", per."cadence", per."start", per."end"
    UNION ALL
    SELECT CASE WHEN c."deadline" < ${today}::date THEN 'OVERDUE' ELSE 'DUE_SOON' END, c."districtId", c."unitId", NULL, NULL, NULL, ${SAMPLE}
    FROM chased c
    WHERE NOT c."ongoing" AND c."deadline" <= ${today}::date + ${DUE_SOON_DAYS}::int
    GROUP BY 1, 2, 3`;
}

/**
 * Every unit's owed reports for the period judged today (per plan cadence),
 * and its measures due soon and overdue, one group per unit, period and kind;
 * the deadline kinds' period is the month of `today` (a unit hears about its
 * deadlines once a month at most, the latest digest superseding the earlier).
 */
export async function reminderGroups(client: Client, today: string): Promise<DigestGroup[]> {
  const month = today.slice(0, 7);
  type Row = GroupRow & { kind: ReminderKey["kind"]; cadence: ReportCadence | null; start: string | null; end: string | null };
  const rows = await inTransaction(client, async (tx) => {
    // A million assignments are sorted and hashed: in memory rather than on disk.
    await tx.$executeRaw`SET LOCAL work_mem = '128MB'`;
    return tx.$queryRaw<Row[]>(reminderGroupsSql(today));
  });
  const ids = [...new Set(rows.flatMap((r) => r.ids))];
  const measures = new Map(
    (
      await client.$queryRaw<{ id: number; code: string; text: string }[]>`
        SELECT "id", "code", left("text", 60) AS "text" FROM "Measure" WHERE "id" = ANY(${ids}::int[])`
    ).map((m) => [m.id, m]),
  );
  const sampleItems = (row: GroupRow): DigestItem[] => row.ids.map((id) => ({ measure: measures.get(id)! }));
  return rows.map((row) => {
    const key: ReminderKey =
      row.kind === "REPORT_LATE"
        ? { kind: "REPORT_LATE", unitId: row.unitId, cadence: row.cadence!, start: row.start!, end: row.end! }
        : { kind: row.kind, unitId: row.unitId, month };
    return {
      digest: formatDigestKey(key),
      kind: key.kind,
      audienceId: row.unitId,
      districtId: row.districtId,
      message: reminderDigestMessage({ key, items: sampleItems(row), total: row.total }),
    };
  });
}

/** The districts' arrivals of yesterday and today not yet digested, each with its live list. */
export async function arrivalGroups(client: Client, today: string): Promise<DigestGroup[]> {
  const days = [addDays(today, -1), today];
  const rows = await client.$queryRaw<{ districtId: number; day: string }[]>`
    SELECT DISTINCT x."districtId", to_char(x."day", 'YYYY-MM-DD') AS "day" FROM (
      SELECT r."districtId", ${chinaDateSql(Prisma.sql`r."submittedAt"`)} AS "day" FROM "ProgressReport" r
      WHERE r."assignmentId" IS NOT NULL AND r."submittedAt" >= ${days[0]}::date - interval '1 day' AND r."submittedAt" < ${today}::date + interval '1 day'
      UNION ALL
      SELECT e."districtId", ${chinaDateSql(Prisma.sql`e."createdAt"`)} FROM "DeadlineExtension" e
      WHERE e."createdAt" >= ${days[0]}::date - interval '1 day' AND e."createdAt" < ${today}::date + interval '1 day'
    ) x
    WHERE to_char(x."day", 'YYYY-MM-DD') = ANY(${days}::text[])
      AND EXISTS (SELECT 1 FROM "User" b WHERE b."regionId" = x."districtId" AND b."role" = 'BUREAU' AND b."active")
      AND NOT EXISTS (
        SELECT 1 FROM "User" b JOIN "Notification" n ON n."userId" = b."id"
          AND n."digest" = concat('ARRIVALS:', x."districtId", ':', to_char(x."day", 'YYYY-MM-DD'))
        WHERE b."regionId" = x."districtId" AND b."role" = 'BUREAU'
      )`;
  const groups: DigestGroup[] = [];
  for (const row of rows) {
    const key = { kind: "ARRIVALS" as const, districtId: row.districtId, day: row.day };
    const message = await arrivalsMessage(client, key, today);
    if (message.total > 0)
      groups.push({ digest: formatDigestKey(key), kind: "ARRIVALS", audienceId: row.districtId, districtId: row.districtId, message });
  }
  return groups;
}

/**
 * One notification per group and recipient (the active liaisons of the unit;
 * for arrivals the active bureau staff of the district), skipping those that
 * exist (the unique (userId, digest, districtId) index: a rerun, even a concurrent one,
 * adds nothing). Returns the new notifications' ids and digests.
 */
export async function insertDigests(client: Client, groups: readonly DigestGroup[]): Promise<{ id: number; digest: string }[]> {
  const inserted: { id: number; digest: string }[] = [];
  for (const [audience, role] of [
    ["unit", "LIAISON"],
    ["district", "BUREAU"],
  ] as const) {
    const batch = groups.filter((g) => (g.kind === "ARRIVALS") === (audience === "district"));
    for (let i = 0; i < batch.length; i += 5000) {
      const slice = batch.slice(i, i + 5000);
      const match = audience === "unit" ? Prisma.sql`u."unitId" = g."audienceId"` : Prisma.sql`u."regionId" = g."audienceId"`;
      inserted.push(
        ...(await client.$queryRaw<{ id: number; digest: string }[]>`
          INSERT INTO "Notification" ("userId", "districtId", "kind", "title", "body", "link", "digest")
          SELECT u."id", g."districtId", 'REMINDER', g."title", g."body", g."link", g."digest"
          FROM unnest(
            ${slice.map((g) => g.audienceId)}::int[],
            ${slice.map((g) => g.districtId)}::int[],
            ${slice.map((g) => g.digest)}::text[],
            ${slice.map((g) => g.message.title)}::text[],
            ${slice.map((g) => g.message.body)}::text[],
            ${slice.map((g) => g.message.link)}::text[]
          ) AS g("audienceId", "districtId", "digest", "title", "body", "link")
          JOIN "User" u ON ${match} AND u."role" = ${role}::"Role" AND u."active"
          ORDER BY g."digest", u."id"
          ON CONFLICT ("userId", "digest", "districtId") DO NOTHING
          RETURNING "id", "digest"`),
      );
    }
  }
  return inserted;
}

const part = (i: number) => Prisma.sql`split_part(n."digest", ':', ${i}::int)`;

/**
 * Marks read one user's unread unit digests that have nothing left to list
 * (every report sent, every measure completed or extended). A report's
 * submission calls it for its unit, the inbox page for its reader, before
 * counting or listing: pages that only show the unread count never write.
 * Returns how many.
 */
export async function resolveDigests(client: Client, today: string, options: { userId: number } | { unitId: number }): Promise<number> {
  // Through the (userId, readAt) index: one user's, or the unit's liaisons' unread digests.
  const whose =
    "userId" in options
      ? Prisma.sql`n."userId" = ${options.userId}::int`
      : Prisma.sql`n."userId" IN (SELECT u."id" FROM "User" u WHERE u."unitId" = ${options.unitId}::int)`;
  const mine = (prefix: string) => Prisma.sql`${whose} AND n."readAt" IS NULL AND n."digest" LIKE ${`${prefix}:%`}`;
  const inUnit = Prisma.sql`a."unitId" = ${part(2)}::int`;
  let resolved = await client.$executeRaw`
    UPDATE "Notification" n SET "readAt" = now()
    WHERE ${mine("REPORT_LATE")} AND NOT EXISTS (
      SELECT 1 ${FROM_ASSIGNMENTS}
      WHERE ${inUnit} AND ${chasedOn(today)} AND ${owesReport(part(3), Prisma.sql`${part(4)}::date`, Prisma.sql`${part(5)}::date`)}
    )`;
  for (const kind of ["DUE_SOON", "OVERDUE"] as const) {
    resolved += await client.$executeRaw`
      UPDATE "Notification" n SET "readAt" = now()
      WHERE ${mine(kind)} AND NOT EXISTS (SELECT 1 ${FROM_ASSIGNMENTS} WHERE ${inUnit} AND ${chasedOn(today)} AND ${deadlineNear(kind, today)})`;
  }
  return resolved;
}

/**
 * The job's resolution, from the groups it has just computed: an unread unit
 * digest of a period judged today that is no longer among the groups has
 * nothing left; a deadline digest that is not the unit's current one is
 * resolved or superseded by this month's. Digests of earlier report periods
 * are closed with their period (the next period's digest takes over).
 * Returns how many were marked read.
 */
export async function resolveStaleDigests(client: Client, today: string, groups: readonly DigestGroup[]): Promise<number> {
  const judged = [...new Set(judgedPeriods(today).map((p) => `${p.cadence}:${p.period.start}`))];
  const current = groups.filter((g) => g.kind !== "ARRIVALS").map((g) => g.digest);
  const unread = (prefix: string) => Prisma.sql`n."readAt" IS NULL AND n."digest" LIKE ${`${prefix}:%`}`;
  const judgedNow = Prisma.sql`(${part(3)} || ':' || ${part(4)}) = ANY(${judged}::text[])`;
  let resolved = await client.$executeRaw`
    UPDATE "Notification" n SET "readAt" = now()
    WHERE ${unread("REPORT_LATE")} AND ${judgedNow} AND NOT (n."digest" = ANY(${current}::text[]))`;
  resolved += await client.$executeRaw`
    UPDATE "Notification" n SET "readAt" = now()
    WHERE (${unread("DUE_SOON")} OR ${unread("OVERDUE")}) AND NOT (n."digest" = ANY(${current}::text[]))`;
  // A period no longer judged is closed: its reports are refused now
  // (periods.ts isPeriodClosed), so its digest asks for nothing anyone can send.
  resolved += await client.$executeRaw`
    UPDATE "Notification" n SET "readAt" = now()
    WHERE ${unread("REPORT_LATE")} AND NOT ${judgedNow}`;
  return resolved;
}

// ---------------------------------------------------------------------------
// Reading: what a digest lists now

const LIVE_LIMIT = 100;

type ItemRow = { id: number; code: string; text: string; note: string | null; total: number };

const toItems = (rows: ItemRow[]): DigestItem[] => rows.map((r) => ({ measure: { id: r.id, code: r.code, text: r.text }, note: r.note }));

/** A unit digest's message as of now: the measures it still lists (at most 100 named, all counted). */
export async function reminderMessage(client: Client, key: ReminderKey, today: string): Promise<DigestMessage> {
  let rows: ItemRow[];
  if (key.kind === "REPORT_LATE") {
    rows = await client.$queryRaw<ItemRow[]>`
      SELECT m."id", m."code", left(m."text", 200) AS "text", count(*) OVER ()::int AS "total",
        CASE (SELECT r."state"::text FROM "ProgressReport" r WHERE r."assignmentId" = a."id" AND r."periodStart" = ${key.start}::date ORDER BY r."id" DESC LIMIT 1)
          WHEN 'RETURNED' THEN '已被退回,待重新报送' WHEN 'DRAFT' THEN '草稿未报送' ELSE NULL END AS "note"
      ${FROM_ASSIGNMENTS}
      WHERE a."unitId" = ${key.unitId}::int AND ${chasedOn(today)}
        AND ${owesReport(Prisma.sql`${key.cadence}::text`, Prisma.sql`${key.start}::date`, Prisma.sql`${key.end}::date`)}
      ORDER BY m."id" LIMIT ${LIVE_LIMIT}::int`;
  } else {
    rows = await client.$queryRaw<ItemRow[]>`
      SELECT m."id", m."code", left(m."text", 200) AS "text", count(*) OVER ()::int AS "total",
        concat('完成时限 ', to_char(m."deadline", 'YYYY-MM-DD')) AS "note"
      ${FROM_ASSIGNMENTS}
      WHERE a."unitId" = ${key.unitId}::int AND ${chasedOn(today)} AND ${deadlineNear(key.kind, today)}
      ORDER BY m."deadline", m."id" LIMIT ${LIVE_LIMIT}::int`;
  }
  return reminderDigestMessage({ key, items: toItems(rows), total: rows[0]?.total ?? 0, listed: LIVE_LIMIT });
}

/** A district's arrivals of one day, as of now. */
export async function arrivalsMessage(
  client: Client,
  key: Extract<DigestKey, { kind: "ARRIVALS" }>,
  today: string,
): Promise<DigestMessage> {
  const reports = await client.$queryRaw<
    { id: number; code: string; text: string; unit: string; start: Date; cadence: ReportCadence; dueDay: number; total: number }[]
  >`
    SELECT m."id", m."code", left(m."text", 200) AS "text", u."name" AS "unit", r."periodStart" AS "start", p."reportCadence" AS "cadence", p."reportDueDay" AS "dueDay",
      (count(*) OVER ())::int AS "total"
    FROM "ProgressReport" r
    JOIN "Assignment" a ON a."id" = r."assignmentId"
    JOIN "Measure" m ON m."id" = a."measureId"
    JOIN "Plan" p ON p."id" = m."planId"
    JOIN "Unit" u ON u."id" = a."unitId"
    WHERE r."districtId" = ${key.districtId}::int AND ${chinaDaysSql(Prisma.sql`r."submittedAt"`, key.day)}
    ORDER BY r."submittedAt", r."id" LIMIT ${LIVE_LIMIT}::int`;
  const extensions = await client.$queryRaw<{ id: number; code: string; text: string; unit: string; total: number }[]>`
    SELECT m."id", m."code", left(m."text", 200) AS "text", u."name" AS "unit", (count(*) OVER ())::int AS "total"
    FROM "DeadlineExtension" e
    JOIN "Measure" m ON m."id" = e."measureId"
    JOIN "Unit" u ON u."id" = e."unitId"
    WHERE e."districtId" = ${key.districtId}::int AND ${chinaDaysSql(Prisma.sql`e."createdAt"`, key.day)}
    ORDER BY e."createdAt", e."id" LIMIT ${LIVE_LIMIT}::int`;
  return arrivalsDigestMessage({
    day: key.day,
    today,
    reports: reports.map((r) => ({
      measure: { id: r.id, code: r.code, text: r.text },
      unit: r.unit,
      period: periodLabel(r.start, r.cadence, r.dueDay),
    })),
    extensions: extensions.map((e) => ({ measure: { id: e.id, code: e.code, text: e.text }, unit: e.unit })),
    reportTotal: reports[0]?.total ?? 0,
    extensionTotal: extensions[0]?.total ?? 0,
    listed: LIVE_LIMIT,
  });
}

/** Any digest's message as of now. */
export function digestMessage(client: Client, key: DigestKey, today: string): Promise<DigestMessage> {
  return key.kind === "ARRIVALS" ? arrivalsMessage(client, key, today) : reminderMessage(client, key, today);
}

/**
 * A report has just arrived: the district's bureau staff get today's arrivals
 * digest now, not at the job's next run (it lists live, so later arrivals of
 * the day join it; a digest already there, read or not, is left as it is).
 * One insert per report, in the report's own transaction.
 */
export async function noteArrival(tx: Tx, districtId: number, today: string): Promise<void> {
  const key = { kind: "ARRIVALS" as const, districtId, day: today };
  await tx.$executeRaw`
    INSERT INTO "Notification" ("userId", "districtId", "kind", "title", "link", "digest")
    SELECT u."id", ${districtId}::int, 'REMINDER', ${"今日收到进展报送"}, ${"/reviews"}, ${formatDigestKey(key)}
    FROM "User" u WHERE u."regionId" = ${districtId}::int AND u."role" = 'BUREAU' AND u."active"
    ON CONFLICT ("userId", "digest", "districtId") DO NOTHING`;
}
