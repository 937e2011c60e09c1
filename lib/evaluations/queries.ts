import { Prisma } from "@/lib/generated/prisma/client.ts";
import { db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { isoDate, todayInChina } from "@/lib/dates.ts";
import { factsCte, rate, scopePlans } from "@/lib/dashboards/facts.ts";
import type { MeasureStatus, Light } from "@/lib/reporting/lights.ts";
import type { ComparisonChange, DeadlineKind } from "@/lib/evaluations/snapshot.ts";

// Reads of the mid-term evaluation. The figures are aggregated in SQL over the
// frozen EvaluationItem rows; "today" comes from the dashboards' own facts
// (lib/dashboards/facts.ts), so the comparison's right-hand side is exactly
// what the dashboards show now.

/** An evaluation the actor may read (evaluation.read and the plan's region in scope), or null. */
export async function getEvaluation(actor: Actor, id: number) {
  if (!can(actor, "evaluation.read")) return null;
  const evaluation = await db().evaluation.findFirst({
    where: { id, ...scope.evaluations(actor) },
    include: {
      plan: { select: { id: true, title: true, regionId: true, districtId: true, region: { select: { name: true } } } },
      _count: { select: { items: true } },
    },
  });
  if (!evaluation || !can(actor, "evaluation.read", { regionId: evaluation.plan.regionId })) return null;
  const creator = await db().user.findUnique({ where: { id: evaluation.createdById }, select: { name: true } });
  return { ...evaluation, snapshotDay: isoDate(evaluation.snapshotDate), createdByName: creator?.name ?? "—" };
}

export type EvaluationSummary = NonNullable<Awaited<ReturnType<typeof getEvaluation>>>;

export async function listEvaluations(actor: Actor) {
  if (!can(actor, "evaluation.read")) return [];
  const rows = await db().evaluation.findMany({
    where: scope.evaluations(actor),
    orderBy: [{ snapshotDate: "desc" }, { id: "desc" }],
    take: 500,
    include: {
      plan: { select: { title: true, region: { select: { name: true } } } },
      _count: { select: { items: true } },
    },
  });
  return rows.map((r) => ({ ...r, snapshotDay: isoDate(r.snapshotDate) }));
}

/** Plans the actor may evaluate, for the form's select (with the earliest allowed day). */
export async function listEvaluablePlans(actor: Actor) {
  if (!can(actor, "evaluation.manage")) return [];
  const plans = await db().plan.findMany({
    where: { ...scope.plans(actor), status: { not: "DRAFT" } },
    orderBy: [{ regionId: "asc" }, { id: "asc" }],
    select: { id: true, title: true, issueDate: true, periodStart: true, region: { select: { name: true } } },
  });
  return plans.map((p) => ({
    id: p.id,
    title: p.title,
    regionName: p.region.name,
    start: isoDate(p.issueDate) ?? (p.periodStart ? `${p.periodStart}-01-01` : null),
  }));
}

export type StatusCounters = {
  measures: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  /** Not 长期坚持: the base of 完成率, as on the dashboards. */
  nonOngoing: number;
  completedNonOngoing: number;
};

const counters = (t: string) => {
  const c = Prisma.raw(`"${t}"`);
  return Prisma.sql`
    count(*)::int AS "measures",
    count(*) FILTER (WHERE ${c}."status" = 'COMPLETED')::int AS "completed",
    count(*) FILTER (WHERE ${c}."status" = 'IN_PROGRESS')::int AS "inProgress",
    count(*) FILTER (WHERE ${c}."status" = 'NOT_STARTED')::int AS "notStarted",
    count(*) FILTER (WHERE ${c}."status" = 'OVERDUE')::int AS "overdue",
    count(*) FILTER (WHERE ${c}."deadlineKind" <> 'ONGOING')::int AS "nonOngoing",
    count(*) FILTER (WHERE ${c}."deadlineKind" <> 'ONGOING' AND ${c}."status" = 'COMPLETED')::int AS "completedNonOngoing"`;
};

/** 完成率 of a row of counters: completed among the measures that are not 长期坚持; null when there are none. */
export const evaluationRate = (c: StatusCounters) => rate(c.completedNonOngoing, c.nonOngoing);

export type ChapterRow = StatusCounters & { chapterId: number | null; label: string; title: string };
export type UnitRow = StatusCounters & { unitId: number; name: string; lead: number; responsible: number };
export type DeadlineKindRow = StatusCounters & { deadlineKind: DeadlineKind };
export type ComparisonRow = {
  measureId: number;
  code: string;
  text: string;
  chapter: string;
  leadUnits: string;
  thenStatus: MeasureStatus;
  thenLight: Light;
  percent: number;
  deadline: string | null;
  deadlineKind: DeadlineKind;
  nowStatus: MeasureStatus | null;
  nowLight: Light | null;
  change: ComparisonChange;
};
export type ComparisonSummary = Record<"completedSince" | "newlyOverdue" | "unchanged" | "other", number> & {
  nowCompleted: number;
  nowOverdue: number;
};

const DEADLINE_KIND_ORDER = ["DATED", "NONE", "ONGOING"];

/** Everything the page and the exports show, or null when the actor may not read the evaluation. */
export async function loadEvaluationReport(actor: Actor, id: number, today = todayInChina()) {
  const evaluation = await getEvaluation(actor, id);
  if (!evaluation) return null;
  const client = db();
  const evaluationId = evaluation.id;

  const [totals] = await client.$queryRaw<StatusCounters[]>`
    SELECT ${counters("ei")} FROM "EvaluationItem" ei WHERE ei."evaluationId" = ${evaluationId}`;

  const chapters = await client.$queryRaw<ChapterRow[]>`
    SELECT ei."chapterId", COALESCE(s."label", '') AS "label", COALESCE(s."title", '未分章节') AS "title", ${counters("ei")}
    FROM "EvaluationItem" ei LEFT JOIN "Section" s ON s."id" = ei."chapterId"
    WHERE ei."evaluationId" = ${evaluationId}
    GROUP BY ei."chapterId", s."label", s."title", s."sortOrder"
    ORDER BY s."sortOrder" NULLS LAST, ei."chapterId"`;

  const units = await client.$queryRaw<UnitRow[]>`
    SELECT u."id" AS "unitId", u."name",
      count(*) FILTER (WHERE x."isLead")::int AS "lead",
      count(*) FILTER (WHERE NOT x."isLead")::int AS "responsible",
      ${counters("x")}
    FROM (
      SELECT ei."status", ei."deadlineKind", uid, uid = ANY(ei."leadUnitIds") AS "isLead"
      FROM "EvaluationItem" ei CROSS JOIN LATERAL unnest(ei."unitIds") AS uid
      WHERE ei."evaluationId" = ${evaluationId}
    ) x
    JOIN "Unit" u ON u."id" = x.uid
    GROUP BY u."id", u."name", u."sortOrder"
    ORDER BY count(*) FILTER (WHERE x."isLead") DESC, u."sortOrder", u."name"`;

  const kinds = await client.$queryRaw<DeadlineKindRow[]>`
    SELECT ei."deadlineKind", ${counters("ei")}
    FROM "EvaluationItem" ei WHERE ei."evaluationId" = ${evaluationId}
    GROUP BY ei."deadlineKind"`;
  kinds.sort((a, b) => DEADLINE_KIND_ORDER.indexOf(a.deadlineKind) - DEADLINE_KIND_ORDER.indexOf(b.deadlineKind));

  // Today's state as the dashboards compute it, for this plan only.
  const plans = await scopePlans(client, [evaluation.plan.districtId], { plan: evaluation.plan.id }, today);
  const cmp = Prisma.sql`${factsCte(plans, { plan: evaluation.plan.id }, today, { measureLevel: true })},
cmp AS (
  SELECT ei."measureId", ei."status" AS "thenStatus", ei."light" AS "thenLight", ei."percent",
    ei."deadline"::text AS "deadline", ei."deadlineKind", ei."chapterId", ei."leadUnitIds",
    mf."status" AS "nowStatus", mf."light" AS "nowLight",
    CASE
      WHEN mf."status" = ei."status" THEN 'UNCHANGED'
      WHEN mf."status" = 'COMPLETED' THEN 'COMPLETED_SINCE'
      WHEN mf."status" = 'OVERDUE' THEN 'NEWLY_OVERDUE'
      ELSE 'OTHER'
    END AS "change"
  FROM "EvaluationItem" ei LEFT JOIN mf ON mf."id" = ei."measureId"
  WHERE ei."evaluationId" = ${evaluationId}
)`;
  const [summary] = await client.$queryRaw<ComparisonSummary[]>`${cmp}
    SELECT
      count(*) FILTER (WHERE "change" = 'COMPLETED_SINCE')::int AS "completedSince",
      count(*) FILTER (WHERE "change" = 'NEWLY_OVERDUE')::int AS "newlyOverdue",
      count(*) FILTER (WHERE "change" = 'UNCHANGED')::int AS "unchanged",
      count(*) FILTER (WHERE "change" = 'OTHER')::int AS "other",
      count(*) FILTER (WHERE "nowStatus" = 'COMPLETED')::int AS "nowCompleted",
      count(*) FILTER (WHERE "nowStatus" = 'OVERDUE')::int AS "nowOverdue"
    FROM cmp`;
  const rows = await client.$queryRaw<ComparisonRow[]>`${cmp}
    SELECT cmp."measureId", m."code", m."text",
      COALESCE(s."label" || s."title", '未分章节') AS "chapter",
      COALESCE((SELECT string_agg(u."name", '、' ORDER BY array_position(cmp."leadUnitIds", u."id"))
                FROM "Unit" u WHERE u."id" = ANY(cmp."leadUnitIds")), '') AS "leadUnits",
      cmp."thenStatus", cmp."thenLight", cmp."percent", cmp."deadline", cmp."deadlineKind",
      cmp."nowStatus", cmp."nowLight", cmp."change"
    FROM cmp JOIN "Measure" m ON m."id" = cmp."measureId"
    LEFT JOIN "Section" s ON s."id" = cmp."chapterId"
    ORDER BY s."sortOrder" NULLS LAST, m."sortOrder", m."id"`;

  // 终期评估 lists what the plan left unfinished at its end (结转 candidates).
  const unfinished = rows.filter((r) => r.thenStatus !== "COMPLETED");
  return { evaluation, today, totals: totals!, chapters, units, kinds, comparison: { summary: summary!, rows }, unfinished };
}

export type EvaluationReport = NonNullable<Awaited<ReturnType<typeof loadEvaluationReport>>>;
