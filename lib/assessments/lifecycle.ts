import type { Db, Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/errors.ts";
import { todayInChina } from "@/lib/dates.ts";
import { assessedUnits, loadFacts } from "@/lib/assessments/facts.ts";
import { computeScores, type UnitScore } from "@/lib/assessments/score.ts";
import { DEFAULT_RULES, defaultAssessmentTitle, rulesSchema, type AssessmentRules } from "@/lib/assessments/schema.ts";

// The 考核's life, as functions of a transaction: create a district's scheme
// for a year, compute its scores live while it is a draft, publish (freeze the
// lines as AssessmentItem rows). The server actions (actions.ts) authorize and
// call these; the demo seed calls them directly.

type AssessmentRow = { id: number; districtId: number; year: number; rules: unknown; status: string };

/** The stored rules, read through the schema (a scheme stored by an older version falls back to the defaults for what it lacks). */
export function rulesOf(assessment: { rules: unknown }): AssessmentRules {
  const parsed = rulesSchema.safeParse(assessment.rules);
  if (parsed.success) return parsed.data;
  const stored = (assessment.rules ?? {}) as Partial<AssessmentRules>;
  return rulesSchema.parse({ ...DEFAULT_RULES, ...stored, rules: { ...DEFAULT_RULES.rules, ...(stored.rules ?? {}) } });
}

/** The live scores of a scheme: today's facts, its rules and adjustments. */
export async function computeAssessmentScores(tx: Db | Tx, assessment: AssessmentRow, today = todayInChina()): Promise<UnitScore[]> {
  const [units, facts, adjustments] = await Promise.all([
    assessedUnits(tx, assessment.districtId),
    loadFacts(tx, assessment.districtId, assessment.year, today),
    tx.assessmentAdjustment.findMany({
      where: { assessmentId: assessment.id, districtId: assessment.districtId },
      orderBy: { id: "asc" },
      include: { unit: { select: { id: true, name: true, sortOrder: true } } },
    }),
  ]);
  // A unit with an adjustment is scored even when it has no work in a plan.
  const all = new Map(units.map((u) => [u.id, u]));
  for (const a of adjustments) if (!all.has(a.unitId)) all.set(a.unitId, a.unit);
  return computeScores({
    units: [...all.values()],
    facts,
    adjustments: adjustments.map((a) => ({ unitId: a.unitId, points: Number(a.points), reason: a.reason })),
    rules: rulesOf(assessment),
  });
}

/** Creates the district's scheme for the year with the default rules. The caller has checked the actor may. */
export async function createAssessmentScheme(tx: Tx, actor: Actor, districtId: number, year: number) {
  const region = await tx.region.findUniqueOrThrow({ where: { id: districtId }, select: { id: true, name: true } });
  const existing = await tx.assessment.findFirst({ where: { regionId: region.id, year, districtId }, select: { id: true } });
  if (existing) throw new AppError("VALIDATION", undefined, { year: [`${region.name}${year}年度的考核已存在`] });
  const created = await tx.assessment.create({
    data: {
      districtId,
      regionId: region.id,
      year,
      title: defaultAssessmentTitle(region.name, year),
      rules: DEFAULT_RULES,
      createdById: actor.id,
    },
  });
  await recordAudit(tx, { actor, action: "assessment.create", entityType: "Assessment", entityId: created.id, districtId, after: created });
  return created;
}

/**
 * Publishes a draft: its scores as of `today` become AssessmentItem rows, one
 * per line, and never move again. `version` (when given) must be the one the
 * publisher saw, so rules changed meanwhile are not published unseen.
 */
export async function publishAssessmentScheme(
  tx: Tx,
  actor: Actor,
  assessmentId: number,
  options: { version?: number; today?: string } = {},
) {
  const assessment = await tx.assessment.findUniqueOrThrow({ where: { id: assessmentId } });
  if (assessment.status === "PUBLISHED") throw new AppError("CONFLICT", "该考核已发布,不能再次发布。");
  if (options.version !== undefined && options.version !== assessment.version) throw new AppError("CONFLICT");
  const scores = await computeAssessmentScores(tx, assessment, options.today);
  // The row lock of the status change makes a second publisher wait and then fail on the version.
  const { count } = await tx.assessment.updateMany({
    where: { id: assessment.id, version: assessment.version, status: "DRAFT" },
    data: { status: "PUBLISHED", publishedById: actor.id, publishedAt: new Date(), version: { increment: 1 } },
  });
  if (count !== 1) throw new AppError("CONFLICT");
  await tx.assessmentItem.createMany({
    data: scores.flatMap((unit) =>
      unit.lines.map((line, i) => ({
        districtId: assessment.districtId,
        assessmentId: assessment.id,
        unitId: unit.unitId,
        ruleCode: line.code,
        points: line.points,
        fact: line.fact,
        link: line.link,
        sortOrder: i,
      })),
    ),
  });
  const published = await tx.assessment.findUniqueOrThrow({ where: { id: assessment.id } });
  await recordAudit(tx, {
    actor,
    action: "assessment.publish",
    entityType: "Assessment",
    entityId: assessment.id,
    districtId: assessment.districtId,
    before: assessment,
    after: { ...published, ranking: scores.map((s) => ({ unitId: s.unitId, rank: s.rank, total: s.total })) },
  });
  return { assessment: published, scores };
}

/** For the demo seed: the district's scheme for the year, created with the defaults and published as of `today`. */
export async function createAndPublishAssessment(tx: Tx, actor: Actor, districtId: number, year: number, today?: string) {
  const created = await createAssessmentScheme(tx, actor, districtId, year);
  return publishAssessmentScheme(tx, actor, created.id, { today });
}
