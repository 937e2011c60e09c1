import type { Role } from "@/lib/generated/prisma/enums.ts";
import { resourceInScope } from "@/lib/auth/scope.ts";

/**
 * Who may do what: one table of role × action. Scope (which regions, which
 * unit) is the other half, in scope.ts: `can` checks a resource against it,
 * and every query puts scope.ts's fragment for its model inside its where.
 */
export const PERMISSIONS = {
  "region.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  "region.manage": ["ADMIN"],
  "unit.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  "unit.manage": ["ADMIN", "BUREAU"],
  "group.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  "group.manage": ["ADMIN", "BUREAU"],
  "user.read": ["ADMIN", "BUREAU"],
  "user.manage": ["ADMIN", "BUREAU"],
  "plan.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  "plan.manage": ["ADMIN", "BUREAU"],
  "assignment.report": ["ADMIN", "BUREAU", "LIAISON"],
  "task.list": ["LIAISON"],
  "report.review": ["ADMIN", "BUREAU"],
  "dashboard.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  // District and cross-district figures; a liaison sees its own unit's dashboard only.
  "districtDashboard.read": ["ADMIN", "BUREAU", "LEADER"],
  "unitDashboard.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  "audit.read": ["ADMIN", "BUREAU"],
  // Annual reports (年度报告): a liaison drafts and submits its own unit's report only.
  "annualReport.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  "annualReport.manage": ["ADMIN", "BUREAU", "LIAISON"],
  "annualReport.publish": ["ADMIN", "BUREAU"],
  // Inspections (督察) and their rectification items (整改): the bureau records and verifies (销号), a unit reports.
  "inspection.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  "inspection.manage": ["ADMIN", "BUREAU"],
  "rectification.report": ["ADMIN", "BUREAU", "LIAISON"],
  "rectification.verify": ["ADMIN", "BUREAU"],
  // Mid-term evaluation (中期评估) snapshots.
  "evaluation.read": ["ADMIN", "BUREAU", "LEADER"],
  "evaluation.manage": ["ADMIN", "BUREAU"],
  // 通报: the bureau drafts, approves and issues; leaders and liaisons read issued ones of their district.
  "circular.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  "circular.manage": ["ADMIN", "BUREAU"],
  // 年度目标、工作指标、时间节点: a lead unit's liaison sets its measure's (the LEAD assignment is checked in lib/targets/actions.ts).
  "target.manage": ["ADMIN", "BUREAU", "LIAISON"],
  // 考核: the bureau sets the scheme and publishes; leaders read published rankings, a liaison its own unit's score.
  "assessment.read": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  "assessment.manage": ["ADMIN", "BUREAU"],
  // One's own display settings (长者模式).
  "preferences.update": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  // One's own password (修改密码).
  "account.password": ["ADMIN", "BUREAU", "LEADER", "LIAISON"],
  // 后台任务: runs of the scheduled jobs (lib/jobs), installation-wide.
  "job.read": ["ADMIN"],
  // 接口令牌: tokens of the read API /api/v1 (lib/api-tokens), installation-wide.
  "apiToken.manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** What the policy needs to know about the caller. */
export type Actor = {
  id: number;
  role: Role;
  name: string;
  /** Region the user acts in; null for ADMIN. */
  regionId: number | null;
  /** Every region id inside the scope (the scope region and its descendants). */
  scopeRegionIds: readonly number[];
  unitId: number | null;
};

/** A resource as the policy sees it: where it lives and, for unit-owned ones, whose it is. */
export type Resource = { regionId: number; unitId?: number | null };

/** Actions a LIAISON may take only on its own unit's resources. */
const UNIT_BOUND: ReadonlySet<Action> = new Set([
  "assignment.report",
  "unitDashboard.read",
  "annualReport.manage",
  "rectification.report",
  "target.manage",
]);

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  const roles: readonly Role[] = PERMISSIONS[action];
  if (!roles.includes(actor.role)) return false;
  return !resource || resourceInScope(actor, resource, UNIT_BOUND.has(action));
}

/** Which roles the actor may give an account: only an ADMIN hands out ADMIN. The form offers these and the action refuses others. */
export function assignableRoles(actor: Actor): Role[] {
  return actor.role === "ADMIN" ? ["ADMIN", "BUREAU", "LIAISON", "LEADER"] : ["BUREAU", "LIAISON", "LEADER"];
}
