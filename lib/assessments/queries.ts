import { db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { chinaDate, isoDate, todayInChina } from "@/lib/dates.ts";
import { computeAssessmentScores, rulesOf } from "@/lib/assessments/lifecycle.ts";
import { rankScores, type UnitScore } from "@/lib/assessments/score.ts";

// Reads of 考核. A draft's scores are computed live from today's facts; a
// published one is read from its frozen AssessmentItem rows only.

/** The schemes the actor may read, newest year first. */
export async function listAssessments(actor: Actor) {
  if (!can(actor, "assessment.read")) return [];
  const rows = await db().assessment.findMany({
    where: scope.assessments(actor),
    orderBy: [{ year: "desc" }, { regionId: "asc" }],
    take: 500,
    include: { region: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    year: r.year,
    status: r.status,
    regionName: r.region.name,
    publishedOn: r.publishedAt ? chinaDate(r.publishedAt) : null,
  }));
}

/** Districts the actor may create a scheme for (the form's select). */
export async function listAssessableDistricts(actor: Actor) {
  if (!can(actor, "assessment.manage")) return [];
  return db().region.findMany({
    where: { AND: [scope.regions(actor), { level: "DISTRICT" }] },
    orderBy: [{ code: "asc" }],
    select: { id: true, name: true },
  });
}

/** One scheme with its scores as the actor may see them, or null (the page's 404). */
export async function loadAssessment(actor: Actor, id: number, today = todayInChina()) {
  if (!can(actor, "assessment.read")) return null;
  const client = db();
  const assessment = await client.assessment.findFirst({
    where: { AND: [{ id }, scope.assessments(actor)] },
    include: { region: { select: { name: true } } },
  });
  if (!assessment || !can(actor, "assessment.read", { regionId: assessment.regionId })) return null;

  let scores: UnitScore[];
  if (assessment.status === "PUBLISHED") {
    const items = await client.assessmentItem.findMany({
      where: { assessmentId: assessment.id, districtId: assessment.districtId },
      orderBy: [{ unitId: "asc" }, { sortOrder: "asc" }],
      include: { unit: { select: { name: true, sortOrder: true } } },
    });
    const byUnit = new Map<number, { unitId: number; name: string; sortOrder: number; lines: UnitScore["lines"] }>();
    for (const item of items) {
      const unit = byUnit.get(item.unitId) ?? { unitId: item.unitId, name: item.unit.name, sortOrder: item.unit.sortOrder, lines: [] };
      unit.lines.push({ code: item.ruleCode, points: Number(item.points), fact: item.fact, link: item.link });
      byUnit.set(item.unitId, unit);
    }
    scores = rankScores([...byUnit.values()]);
  } else {
    scores = await computeAssessmentScores(client, assessment, today);
  }
  // A liaison sees its own unit's score and points only.
  if (scope.isUnitScoped(actor)) scores = scores.filter((s) => s.unitId === actor.unitId);

  const manage = can(actor, "assessment.manage", { regionId: assessment.regionId });
  const adjustments = manage
    ? await client.assessmentAdjustment.findMany({
        where: { assessmentId: assessment.id, districtId: assessment.districtId },
        orderBy: { id: "asc" },
        include: { unit: { select: { name: true } } },
      })
    : [];
  const units =
    manage && assessment.status === "DRAFT"
      ? await client.unit.findMany({
          where: { districtId: assessment.districtId, active: true },
          orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
          select: { id: true, name: true },
        })
      : [];
  const names = await client.user.findMany({
    where: { id: { in: [assessment.createdById, ...(assessment.publishedById ? [assessment.publishedById] : [])] } },
    select: { id: true, name: true },
  });
  const nameOf = (userId: number | null) => names.find((u) => u.id === userId)?.name ?? "—";
  return {
    assessment: {
      id: assessment.id,
      title: assessment.title,
      year: assessment.year,
      status: assessment.status,
      version: assessment.version,
      regionId: assessment.regionId,
      regionName: assessment.region.name,
      createdByName: nameOf(assessment.createdById),
      publishedByName: assessment.publishedById ? nameOf(assessment.publishedById) : null,
      publishedOn: assessment.publishedAt ? chinaDate(assessment.publishedAt) : null,
      createdOn: isoDate(assessment.createdAt),
    },
    rules: rulesOf(assessment),
    scores,
    today,
    canManage: manage && assessment.status === "DRAFT",
    adjustments: adjustments.map((a) => ({
      id: a.id,
      unitId: a.unitId,
      unitName: a.unit.name,
      points: Number(a.points),
      reason: a.reason,
    })),
    units,
  };
}

export type AssessmentView = NonNullable<Awaited<ReturnType<typeof loadAssessment>>>;
