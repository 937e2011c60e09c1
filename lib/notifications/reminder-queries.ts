import type { Db, Tx } from "@/lib/db/client.ts";
import type { NotificationKind } from "@/lib/notifications/messages.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { ReportCadence } from "@/lib/generated/prisma/enums.ts";
import { latestDuePeriod, REPORT_CADENCES, type Period } from "@/lib/reporting/periods.ts";
import { periodOwedSql, planChasedSql } from "@/lib/plans/window-sql.ts";
import { chinaDateSql } from "@/lib/dates-sql.ts";

// The data layer of reminders (催办): which assignments are chased and which
// reports are late, selected in SQL a page at a time (a province holds a
// million assignments, so nothing here loads them all or queries one by one),
// and the liaisons' notifications of a 催办. The scheduled job's digests are
// in digests.ts, which shares CHASED.
//
// The raw SQL uses the table and column names Prisma generates from
// prisma/schema.prisma ("Assignment"."measureId" …), quoted.
//
// An assignment is chased (reminded at all) when:
//   - it is not completed (its own completion approved), and its measure is not
//     completed either (every LEAD assignment approved as completed: the same
//     rule as measureLight, so a responsible unit of a finished measure is left
//     alone);
//   - its plan is IN_FORCE (a DRAFT owes nothing before 施行, a CLOSED plan is
//     history) and today is within its window: after its last day nothing is
//     chased, 期满 confirmed or not (chasedOn, window-sql.ts planChasedSql);
//   - its unit is active.
// LEAD and RESPONSIBLE assignments alike.

type Client = Db | Tx;

/** SQL conditions on a (Assignment), m (Measure), p (Plan), u (Unit): the assignment is chased on `today`. */
export const chasedOn = (today: string) => Prisma.sql`${CHASED} AND ${planChasedSql("p", Prisma.sql`${today}::date`)}`;

/** The conditions of chasedOn that do not depend on the day (the plan in force, the unit active, the work not done). */
export const CHASED = Prisma.sql`
  a."status" <> 'COMPLETED'
  AND p."status" = 'IN_FORCE'
  AND u."active"
  AND NOT (
    EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m."id" AND l."role" = 'LEAD')
    AND NOT EXISTS (
      SELECT 1 FROM "Assignment" l WHERE l."measureId" = m."id" AND l."role" = 'LEAD' AND l."status" <> 'COMPLETED'
    )
  )`;

export const FROM_ASSIGNMENTS = Prisma.sql`
  FROM "Assignment" a
  JOIN "Measure" m ON m."id" = a."measureId"
  JOIN "Plan" p ON p."id" = m."planId"
  JOIN "Unit" u ON u."id" = a."unitId"`;

const ASSIGNMENT_COLUMNS = Prisma.sql`
  a."id" AS "assignmentId",
  a."districtId",
  a."unitId",
  a."measureId",
  m."code" AS "measureCode",
  left(m."text", 200) AS "measureText",
  to_char(m."deadline", 'YYYY-MM-DD') AS "deadline"`;

/** An assignment due a reminder, with what its message needs. */
export type Candidate = {
  assignmentId: number;
  districtId: number;
  unitId: number;
  measureId: number;
  measureCode: string;
  measureText: string;
  /** The measure's current deadline "YYYY-MM-DD", or null. */
  deadline: string | null;
  /** The reminder's dedupeKey, built in SQL so the filter and the insert agree. */
  dedupeKey: string;
};

export type LateReportCandidate = Candidate & {
  /** The period whose report is late: latestDuePeriod(today) of the plan's cadence. */
  period: Period;
  /** State of the unit's report for that period: null (none), DRAFT or RETURNED. */
  reportState: "DRAFT" | "RETURNED" | null;
};

export type Page = { after: number; limit: number };

/** Keeps only candidates that have no reminder with their key yet (the unique index answers it). */
const notYetReminded = (exclude: boolean) =>
  exclude ? Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM "Reminder" r WHERE r."dedupeKey" = c."dedupeKey")` : Prisma.empty;

/**
 * For every cadence and due day a plan can have, the period judged on `today`
 * (latestDuePeriod: the latest period whose due date has passed). 4 × 31 rows,
 * joined to the plans in SQL, so each plan's own period is used.
 */
export function judgedPeriods(today: string) {
  const periods: { cadence: ReportCadence; dueDay: number; period: Period }[] = [];
  for (const cadence of REPORT_CADENCES) {
    for (let dueDay = 1; dueDay <= 31; dueDay++) periods.push({ cadence, dueDay, period: latestDuePeriod(today, cadence, dueDay) });
  }
  return periods;
}

/**
 * Chased assignments whose report for the period judged on `today` is late:
 * none was submitted (no report, or only a draft) or it was returned and not
 * resubmitted. A period that ended before the assignment existed (or before
 * the plan's reporting began), or began after the plan's last day, expects no
 * report, as in lights.ts (reportingStart, reportingEnd).
 * With `unitId`, only that unit's; with `excludeReminded`, only those with no
 * REPORT_LATE reminder for that period yet.
 */
export async function lateReportCandidates(
  client: Client,
  today: string,
  page: Page,
  filter: { unitId?: number; excludeReminded: boolean },
): Promise<LateReportCandidate[]> {
  const periods = judgedPeriods(today);
  const byPlanSettings = new Map(periods.map((p) => [`${p.cadence}:${p.dueDay}`, p.period]));
  const rows = await client.$queryRaw<(Candidate & { cadence: ReportCadence; dueDay: number; reportState: "DRAFT" | "RETURNED" | null })[]>`
    WITH per AS (
      SELECT * FROM unnest(
        ${periods.map((p) => p.cadence)}::text[],
        ${periods.map((p) => p.dueDay)}::int[],
        ${periods.map((p) => p.period.start)}::date[],
        ${periods.map((p) => p.period.end)}::date[],
        ${periods.map((p) => p.period.key)}::text[]
      ) AS t("cadence", "dueDay", "start", "end", "key")
    )
    SELECT c.* FROM (
      SELECT ${ASSIGNMENT_COLUMNS},
        p."reportCadence"::text AS "cadence",
        p."reportDueDay" AS "dueDay",
        (
          SELECT r."state"::text FROM "ProgressReport" r
          WHERE r."assignmentId" = a."id" AND r."periodStart" = per."start"
          ORDER BY r."id" DESC LIMIT 1
        ) AS "reportState",
        concat('report-late:', a."id", ':', per."key") AS "dedupeKey"
      ${FROM_ASSIGNMENTS}
      JOIN per ON per."cadence" = p."reportCadence"::text AND per."dueDay" = p."reportDueDay"
      WHERE a."id" > ${page.after}::int
        ${filter.unitId === undefined ? Prisma.empty : Prisma.sql`AND a."unitId" = ${filter.unitId}::int`}
        AND ${chasedOn(today)}
        AND ${periodOwedSql("p", Prisma.sql`per."start"`, Prisma.sql`per."end"`, chinaDateSql(Prisma.sql`a."createdAt"`))}
        AND NOT EXISTS (
          SELECT 1 FROM "ProgressReport" r
          WHERE r."assignmentId" = a."id" AND r."periodStart" = per."start" AND r."state" IN ('SUBMITTED', 'APPROVED')
        )
    ) c
    ${notYetReminded(filter.excludeReminded)}
    ORDER BY c."assignmentId"
    LIMIT ${page.limit}::int`;
  return rows.map(({ cadence, dueDay, ...row }) => ({ ...row, period: byPlanSettings.get(`${cadence}:${dueDay}`)! }));
}

/** All late reports of one unit (a unit has few assignments: paged anyway). */
export async function lateReportsOfUnit(client: Client, today: string, unitId: number): Promise<LateReportCandidate[]> {
  const all: LateReportCandidate[] = [];
  for (let after = 0; ;) {
    const page = await lateReportCandidates(client, today, { after, limit: 500 }, { unitId, excludeReminded: false });
    all.push(...page);
    if (page.length < 500) return all;
    after = page[page.length - 1]!.assignmentId;
  }
}

// ---------------------------------------------------------------------------
// Writes

/** Notifications, one per active LIAISON of each item's unit; returns their ids. */
export async function notifyLiaisons(
  tx: Tx,
  items: readonly {
    kind: NotificationKind;
    reminderId: number;
    districtId: number;
    unitId: number;
    title: string;
    body: string;
    link: string;
  }[],
): Promise<number[]> {
  if (items.length === 0) return [];
  const liaisons = await tx.user.findMany({
    where: { unitId: { in: [...new Set(items.map((i) => i.unitId))] }, role: "LIAISON", active: true },
    select: { id: true, unitId: true },
    orderBy: { id: "asc" },
  });
  const byUnit = new Map<number, number[]>();
  for (const user of liaisons) byUnit.set(user.unitId!, [...(byUnit.get(user.unitId!) ?? []), user.id]);
  const data = items.flatMap((item) =>
    (byUnit.get(item.unitId) ?? []).map((userId) => ({
      userId,
      districtId: item.districtId,
      reminderId: item.reminderId,
      kind: item.kind,
      title: clip(item.title, 200),
      body: item.body,
      link: item.link,
    })),
  );
  if (data.length === 0) return [];
  const created = await tx.notification.createManyAndReturn({ data, select: { id: true } });
  return created.map((n) => n.id);
}

/** Units among `unitIds` with no active liaison: a reminder reaches nobody there. */
export async function unitsWithoutLiaison(tx: Tx, unitIds: readonly number[]) {
  const withLiaison = await tx.user.findMany({
    where: { unitId: { in: [...unitIds] }, role: "LIAISON", active: true },
    select: { unitId: true },
    distinct: ["unitId"],
  });
  const reached = new Set(withLiaison.map((u) => u.unitId));
  return unitIds.filter((id) => !reached.has(id));
}

// ---------------------------------------------------------------------------
// Texts

/** At most `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

/** "12 完善行政决策程序…": how a measure is named in titles and messages. */
export function measureName(code: string, text: string, max = 30): string {
  return `${code} ${clip(text, max)}`;
}
