import { db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { forbidden } from "@/lib/errors.ts";
import { mayRequestExtension } from "@/lib/extensions/rules.ts";

// Scope of extension requests is the requesting unit's, exactly as for
// assignments (a request row has unitId and unit like an assignment): a
// liaison its own unit's, bureau staff their regions' units', ADMIN all.
// Leaders take no part in extensions.

const extensionView = {
  id: true,
  state: true,
  reason: true,
  oldDeadline: true,
  newDeadline: true,
  comment: true,
  createdAt: true,
  decidedAt: true,
  unit: { select: { id: true, name: true, regionId: true } },
  requestedBy: { select: { id: true, name: true } },
  decidedBy: { select: { id: true, name: true } },
} as const;

/** The bureau's queue: requests waiting for a decision, oldest first. */
export function listPendingExtensions(actor: Actor) {
  if (!can(actor, "report.review")) throw forbidden();
  return db().deadlineExtension.findMany({
    where: { state: "PENDING", ...scope.extensions(actor) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      ...extensionView,
      measure: {
        select: {
          id: true,
          code: true,
          text: true,
          deadline: true,
          deadlineText: true,
          originalDeadline: true,
          plan: { select: { id: true, title: true } },
        },
      },
    },
  });
}

/**
 * Every request on a measure, newest first, for the measure page; null when
 * the measure is not the actor's (a liaison: its unit is assigned to it;
 * bureau staff: a unit of their regions is).
 */
export async function listMeasureExtensions(actor: Actor, measureId: number) {
  // Those who may ask for or decide extensions: everyone but leaders.
  if (!can(actor, "assignment.report")) throw forbidden();
  const measure = await db().measure.findFirst({
    where: { id: measureId, ...scope.measuresWorkedOn(actor) },
    select: { id: true },
  });
  if (!measure) return null;
  return db().deadlineExtension.findMany({
    where: { measureId: measure.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: extensionView,
  });
}

/**
 * Whether the actor may ask to extend the measure's deadline today: the
 * measure page offers the 延期申请 form exactly then, by the rule
 * requestDeadlineExtension refuses by (lib/extensions/rules.ts).
 */
export async function extensionRequestOpen(actor: Actor, measureId: number): Promise<boolean> {
  if (!can(actor, "assignment.report")) return false;
  const measure = await db().measure.findFirst({
    where: { id: measureId, ...scope.measuresWorkedOn(actor) },
    select: {
      ongoing: true,
      deadline: true,
      assignments: { where: { role: "LEAD" }, select: { unitId: true, unit: { select: { regionId: true } } } },
      extensions: { where: { state: "PENDING" }, select: { id: true }, take: 1 },
    },
  });
  if (!measure) return false;
  return mayRequestExtension(actor, {
    ongoing: measure.ongoing,
    deadline: measure.deadline,
    leads: measure.assignments.map((a) => ({ unitId: a.unitId, regionId: a.unit.regionId })),
    pending: measure.extensions.length > 0,
  });
}
