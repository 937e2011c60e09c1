import { Prisma } from "@/lib/generated/prisma/client.ts";

// lib/plans/life.ts reportingWindow restated in SQL, for the queries that
// decide in the database whether a report is owed (reminders, digests, the
// review desk's ledger). `alias` names the joined "Plan" row (p, pl).

const col = (alias: string, column: string) => Prisma.raw(`${alias}."${column}"`);

// A DRAFT plan's window is empty (life.ts EMPTY_WINDOW): it starts after it ends.

/** The first day the plan owes reports: its 施行 date, else its issue date (NULL: from the import). */
export const planFirstDaySql = (alias: string) =>
  Prisma.sql`(CASE WHEN ${col(alias, "status")} = 'DRAFT' THEN DATE '9999-12-31'
    ELSE COALESCE(${col(alias, "effectiveFrom")}, ${col(alias, "issueDate")}) END)`;

/** The last day the plan owes reports: the day a closed plan ended, else 31 December of periodEnd (NULL: open-ended). */
export const planLastDaySql = (alias: string) =>
  Prisma.sql`(CASE WHEN ${col(alias, "status")} = 'DRAFT' THEN DATE '0001-01-01'
    WHEN ${col(alias, "status")} = 'CLOSED' AND ${col(alias, "endedOn")} IS NOT NULL THEN ${col(alias, "endedOn")}
    ELSE make_date(${col(alias, "periodEnd")}, 12, 31) END)`;

/**
 * The plan is chased on `today`: in force (not a draft, not closed) and its
 * last period not yet past its due date (31 December + reportDueDay), or open-ended. After its last
 * period a plan stops asking for reports and its measures stop being chased,
 * whether or not the bureau has confirmed 期满 yet.
 */
export const planChasedSql = (alias: string, today: Prisma.Sql) =>
  Prisma.sql`(${col(alias, "status")} = 'IN_FORCE' AND (${planLastDaySql(alias)} IS NULL OR ${planLastDaySql(alias)} + ${col(alias, "reportDueDay")} >= ${today}))`;

/**
 * The period [start, end] is owed by an assignment made on `assignedOn`: it
 * ends on or after the later of the plan's first day and the assignment's,
 * and starts on or before the plan's last day.
 */
export const periodOwedSql = (alias: string, start: Prisma.Sql, end: Prisma.Sql, assignedOn: Prisma.Sql) => Prisma.sql`(
  ${end} >= GREATEST(${planFirstDaySql(alias)}, ${assignedOn})
  AND (${planLastDaySql(alias)} IS NULL OR ${start} <= ${planLastDaySql(alias)}))`;
