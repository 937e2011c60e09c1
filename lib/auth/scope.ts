import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Actor, Resource } from "@/lib/auth/policy.ts";

/**
 * Row scope: which rows an actor may see or change, in one place.
 *
 * policy.ts says which role may do what; this file says on which rows. Every
 * query and action puts one of these fragments inside its `where` (or, for raw
 * SQL, the fragment at the end), so a row outside the scope is never read and
 * answers 404. The rules:
 *
 * - ADMIN: every row.
 * - BUREAU and LEADER: rows of their region and the regions below it
 *   (`actor.scopeRegionIds`), for unit-owned rows the units of those regions.
 * - LIAISON: the same regions for district-wide rows (plans, units, groups,
 *   the published plan's measures); for rows that belong to a unit (assignments,
 *   their reports, extensions, reminders, rectification items, draft annual
 *   reports) only its own unit's.
 *
 * A fragment for a role that may not read a model at all is not needed here:
 * callers ask `can(actor, "<model>.read")` first (policy.ts).
 *
 * Spread a fragment only next to keys it does not name; when the caller filters
 * on the same field (a unitId, a regionId, an id), combine them with AND: in a
 * spread the later key replaces the scope's. tests/integration/
 * permission-matrix.test.ts tries every action of PERMISSIONS in and out of scope.
 */

const NO_UNIT = -1;

const isAdmin = (actor: Actor) => actor.role === "ADMIN";
/** Roles whose unit-owned rows are their own unit's only. */
const isUnitBound = (actor: Actor) => actor.role === "LIAISON";
const inRegions = (actor: Actor) => ({ in: [...actor.scopeRegionIds] });

/** Whether a resource lies inside the actor's scope; `unitBound` for actions a liaison takes on its own unit's rows only. */
export function resourceInScope(actor: Actor, resource: Resource, unitBound: boolean): boolean {
  if (isAdmin(actor)) return true;
  if (!actor.scopeRegionIds.includes(resource.regionId)) return false;
  if (unitBound && isUnitBound(actor)) return resource.unitId != null && resource.unitId === actor.unitId;
  return true;
}

// ---------------------------------------------------------------------------
// Region-owned rows: the row's regionId lies in the actor's regions.

export function regions(actor: Actor): Prisma.RegionWhereInput {
  return isAdmin(actor) ? {} : { id: inRegions(actor) };
}

/** One region, only if it lies in the actor's scope. */
export function region(actor: Actor, regionId: number): Prisma.RegionWhereInput {
  return { AND: [{ id: regionId }, regions(actor)] };
}

/** How many regions the actor looks after (ADMIN: null, meaning all). */
export function regionCount(actor: Actor): number | null {
  return isAdmin(actor) ? null : actor.scopeRegionIds.length;
}

const byRegion = (actor: Actor) => (isAdmin(actor) ? {} : { regionId: inRegions(actor) });

export const units = (actor: Actor): Prisma.UnitWhereInput => byRegion(actor);
export const groups = (actor: Actor): Prisma.UnitGroupWhereInput => byRegion(actor);
export const users = (actor: Actor): Prisma.UserWhereInput => byRegion(actor);
/** 登录日志: events of the users in scope; a login string no account has belongs to no region, so only ADMIN sees it. */
export const signInEvents = (actor: Actor): Prisma.SignInEventWhereInput => (isAdmin(actor) ? {} : { user: users(actor) });
export const plans = (actor: Actor): Prisma.PlanWhereInput => byRegion(actor);
/** The published plan is read district-wide, so its sections and measures follow the plan. */
export const sections = (actor: Actor): Prisma.SectionWhereInput => (isAdmin(actor) ? {} : { plan: plans(actor) });
export const measures = (actor: Actor): Prisma.MeasureWhereInput => (isAdmin(actor) ? {} : { plan: plans(actor) });
export const evaluations = (actor: Actor): Prisma.EvaluationWhereInput => (isAdmin(actor) ? {} : { plan: plans(actor) });

// ---------------------------------------------------------------------------
// Unit-owned rows: a liaison its own unit's, others the units of their regions.

function byUnit(actor: Actor) {
  if (isAdmin(actor)) return {};
  if (isUnitBound(actor)) return { unitId: actor.unitId ?? NO_UNIT };
  return { unit: { regionId: inRegions(actor) } };
}

export const assignments = (actor: Actor): Prisma.AssignmentWhereInput => byUnit(actor);
export const progressReports = (actor: Actor): Prisma.ProgressReportWhereInput =>
  isAdmin(actor) ? {} : { assignment: assignments(actor) };
export const extensions = (actor: Actor): Prisma.DeadlineExtensionWhereInput => byUnit(actor);
export const rectifications = (actor: Actor): Prisma.RectificationWhereInput => byUnit(actor);

/** Measures the actor works on: one of its assignments (a liaison: its unit's) is on it. */
export const measuresWorkedOn = (actor: Actor): Prisma.MeasureWhereInput => ({ assignments: { some: assignments(actor) } });

/** Evidence files: units on the same measure read each other's (the lead consolidates them). */
export const attachments = (actor: Actor): Prisma.AttachmentWhereInput =>
  isAdmin(actor) ? {} : { report: { assignment: { measure: measuresWorkedOn(actor) } } };

/** Raw-SQL twin of `rectifications` for a query over "Rectification" aliased `alias` (region-scoped roles are already narrowed by the inspections read). */
export function rectificationUnitSql(actor: Actor, alias: string): Prisma.Sql {
  return isUnitBound(actor) ? Prisma.sql`AND ${Prisma.raw(`${alias}."unitId"`)} = ${actor.unitId ?? NO_UNIT}::int` : Prisma.empty;
}

// ---------------------------------------------------------------------------
// Inspections: they live in a region; a liaison sees those that gave its unit items.

export function inspections(actor: Actor): Prisma.InspectionWhereInput {
  if (isUnitBound(actor)) {
    // Its unit's items decide, not the inspected region: a town unit gets items
    // from inspections of its whole district. Still only inside the liaison's
    // own district (the inspection's district has a region in its scope).
    return {
      region: { district: { districtOf: { some: { id: inRegions(actor) } } } },
      findings: { some: { rectifications: { some: rectifications(actor) } } },
    };
  }
  return byRegion(actor);
}

/** The findings of a readable inspection the actor sees: a liaison those its unit must rectify. */
export const findings = (actor: Actor): Prisma.FindingWhereInput =>
  isUnitBound(actor) ? { rectifications: { some: rectifications(actor) } } : {};

// ---------------------------------------------------------------------------
// Annual reports (年度报告)

/**
 * The reports the actor may read: those of its regions; a liaison only its
 * own unit's and the published ones (a draft or a report under review is the
 * business of whoever writes and approves it).
 */
export function annualReports(actor: Actor): Prisma.AnnualReportWhereInput {
  return {
    ...byRegion(actor),
    ...(isUnitBound(actor) ? { OR: [{ unitId: actor.unitId ?? NO_UNIT }, { status: "PUBLISHED" as const }] } : {}),
  };
}

/** The reports the actor compiles: its regions'; a liaison its own unit's only. */
export function compiledAnnualReports(actor: Actor): Prisma.AnnualReportWhereInput {
  return { ...byRegion(actor), ...(isUnitBound(actor) ? { unitId: actor.unitId ?? NO_UNIT } : {}) };
}

/** Whether the actor sees only published versions of this report's chain (another subject's report, for a liaison). */
export function seesPublishedOnly(actor: Actor, report: { unitId: number | null }): boolean {
  return isUnitBound(actor) && report.unitId !== actor.unitId;
}

// ---------------------------------------------------------------------------
// One's own rows

/** One's own notifications (站内通知): there is no other scope for an inbox. */
export const notifications = (actor: Actor): Prisma.NotificationWhereInput => ({ userId: actor.id });

/** The unit the actor acts for on unit-owned rows: a liaison always its own, whatever it chose; others the one they chose. */
export function unitActedFor(actor: Actor, chosen: number | undefined): number | null | undefined {
  return isUnitBound(actor) ? actor.unitId : chosen;
}

/** Whether the actor reports for the unit as itself (a liaison of that unit), not on its behalf (代报). */
export function isOwnUnit(actor: Actor, unitId: number | null | undefined): boolean {
  return isUnitBound(actor) && unitId != null && actor.unitId === unitId;
}

/** The actor's own unit, as a where on units (none for an actor without one). */
export const ownUnit = (actor: Actor): Prisma.UnitWhereInput => ({ id: actor.unitId ?? NO_UNIT });

/** Whether the unit is the actor's own (a draft report is its own unit's business until it is submitted). */
export function isActorsUnit(actor: Actor, unitId: number): boolean {
  return actor.unitId != null && actor.unitId === unitId;
}

/** Whether the actor's unit-owned work is limited to its own unit (forms then offer no other unit). */
export function isUnitScoped(actor: Actor): boolean {
  return isUnitBound(actor);
}

/** The actor's own unit, if it has one: its task list (我的任务), its dashboard, its home page's label. */
export function homeUnitId(actor: Actor): number | null {
  return actor.unitId;
}

/**
 * Who may read the units' progress on a measure the region scope already shows:
 * report texts, percent, review comments, evidence, the 办理记录 and the names
 * in them. The division of labour itself (text, units, deadline, light) is
 * district-wide like the published plan. Bureau staff and leaders oversee every
 * measure of their regions; a liaison only the measures its unit has a part in,
 * directly or through a group (a group's assignment is one row per member unit).
 * `attachments` above is the same rule as a filter.
 */
export function mayReadMeasureProgress(actor: Actor, measure: { assignments: readonly { unitId: number }[] }): boolean {
  switch (actor.role) {
    case "ADMIN":
    case "BUREAU":
    case "LEADER":
      return true;
    case "LIAISON":
      return actor.unitId !== null && measure.assignments.some((a) => a.unitId === actor.unitId);
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------
// 通报: a circular lives in its district; a liaison reads its own district's
// (its unit may sit in a town below it), others their regions'.

export function circulars(actor: Actor): Prisma.CircularWhereInput {
  if (isAdmin(actor)) return {};
  if (isUnitBound(actor)) return { region: { districtOf: { some: { id: inRegions(actor) } } } };
  return byRegion(actor);
}

// 考核 (lib/assessments)

/** The schemes the actor may read: its regions'; a leader or liaison only published ones (a draft's score is the bureau's work in progress). */
export function assessments(actor: Actor): Prisma.AssessmentWhereInput {
  const publishedOnly = actor.role === "LEADER" || isUnitBound(actor);
  return { ...byRegion(actor), ...(publishedOnly ? { status: "PUBLISHED" as const } : {}) };
}
