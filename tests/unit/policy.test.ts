import { describe, expect, it } from "vitest";
import { assignableRoles, can, PERMISSIONS, type Action, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";

// Regions: 1 city, 2 and 3 districts under it, 4 a town in district 2.
const actor = (role: Actor["role"], regionId: number | null, scope: number[], unitId: number | null = null): Actor => ({
  id: 1,
  name: "测试",
  role,
  regionId,
  scopeRegionIds: scope,
  unitId,
});

const admin = actor("ADMIN", null, []);
const bureau2 = actor("BUREAU", 2, [2, 4]);
const liaison2 = actor("LIAISON", 2, [2, 4], 20);
const leader2 = actor("LEADER", 2, [2, 4]);
const cityLeader = actor("LEADER", 1, [1, 2, 3, 4]);

const inDistrict2 = { regionId: 2, unitId: 20 };
const otherUnitInDistrict2 = { regionId: 2, unitId: 21 };
const inTown4 = { regionId: 4, unitId: 40 };
const inDistrict3 = { regionId: 3, unitId: 30 };

describe("can", () => {
  it.each<[string, Actor, Action, { regionId: number; unitId?: number | null } | undefined, boolean]>([
    ["admin manages regions", admin, "region.manage", undefined, true],
    ["admin manages units anywhere", admin, "unit.manage", inDistrict3, true],
    ["bureau cannot manage regions", bureau2, "region.manage", undefined, false],
    ["bureau manages units of its district", bureau2, "unit.manage", inDistrict2, true],
    ["bureau manages units of its towns", bureau2, "unit.manage", inTown4, true],
    ["bureau cannot manage another district's units", bureau2, "unit.manage", inDistrict3, false],
    ["bureau reviews reports in its district", bureau2, "report.review", inDistrict2, true],
    ["bureau cannot review another district", bureau2, "report.review", inDistrict3, false],
    ["liaison reads its region's plans", liaison2, "plan.read", inDistrict2, true],
    ["liaison cannot read another district's plans", liaison2, "plan.read", inDistrict3, false],
    ["liaison reports on its own unit's assignment", liaison2, "assignment.report", inDistrict2, true],
    ["liaison cannot report for another unit", liaison2, "assignment.report", otherUnitInDistrict2, false],
    ["liaison cannot review", liaison2, "report.review", inDistrict2, false],
    ["liaison cannot manage units", liaison2, "unit.manage", inDistrict2, false],
    ["liaison cannot manage users", liaison2, "user.manage", undefined, false],
    ["leader reads dashboards of its district", leader2, "dashboard.read", inDistrict2, true],
    ["leader reads its district's figures", leader2, "districtDashboard.read", inDistrict2, true],
    ["leader reads a unit's dashboard in its district", leader2, "unitDashboard.read", otherUnitInDistrict2, true],
    ["liaison does not read district figures", liaison2, "districtDashboard.read", inDistrict2, false],
    ["liaison reads its own unit's dashboard", liaison2, "unitDashboard.read", inDistrict2, true],
    ["liaison cannot read another unit's dashboard", liaison2, "unitDashboard.read", otherUnitInDistrict2, false],
    ["leader changes nothing: units", leader2, "unit.manage", inDistrict2, false],
    ["leader changes nothing: reports", leader2, "assignment.report", inDistrict2, false],
    ["leader changes nothing: review", leader2, "report.review", inDistrict2, false],
    ["city leader reads every district of the city", cityLeader, "plan.read", inDistrict3, true],
    ["city leader reads a town", cityLeader, "unit.read", inTown4, true],
    ["district leader cannot read a sibling district", leader2, "plan.read", inDistrict3, false],
    ["bureau drafts its district's annual report", bureau2, "annualReport.manage", { regionId: 2, unitId: null }, true],
    ["liaison drafts its own unit's annual report", liaison2, "annualReport.manage", inDistrict2, true],
    ["liaison cannot draft the district's report", liaison2, "annualReport.manage", { regionId: 2, unitId: null }, false],
    ["liaison cannot draft another unit's report", liaison2, "annualReport.manage", otherUnitInDistrict2, false],
    ["liaison cannot publish", liaison2, "annualReport.publish", inDistrict2, false],
    ["bureau publishes in its district", bureau2, "annualReport.publish", inDistrict2, true],
    ["bureau cannot publish for another district", bureau2, "annualReport.publish", inDistrict3, false],
    ["liaison reports its unit's rectification", liaison2, "rectification.report", inDistrict2, true],
    ["liaison cannot report another unit's rectification", liaison2, "rectification.report", otherUnitInDistrict2, false],
    ["liaison cannot verify a rectification", liaison2, "rectification.verify", inDistrict2, false],
    ["bureau verifies rectifications in its district", bureau2, "rectification.verify", inDistrict2, true],
    ["liaison cannot record inspections", liaison2, "inspection.manage", inDistrict2, false],
    ["leader reads evaluations", leader2, "evaluation.read", inDistrict2, true],
    ["liaison does not read evaluations", liaison2, "evaluation.read", inDistrict2, false],
    ["leader cannot take a snapshot", leader2, "evaluation.manage", inDistrict2, false],
    ["liaison sets its own (lead) unit's targets", liaison2, "target.manage", inDistrict2, true],
    ["liaison cannot set another unit's targets", liaison2, "target.manage", otherUnitInDistrict2, false],
    ["bureau sets any lead unit's targets in its district", bureau2, "target.manage", otherUnitInDistrict2, true],
    ["bureau cannot set targets in another district", bureau2, "target.manage", inDistrict3, false],
    ["leader cannot set targets", leader2, "target.manage", inDistrict2, false],
  ])("%s", (_name, who, action, resource, expected) => {
    expect(can(who, action, resource)).toBe(expected);
  });

  it("a LEADER holds no write permission at all, apart from its own display settings and password", () => {
    const own: readonly Action[] = ["preferences.update", "account.password"];
    const writes = (Object.keys(PERMISSIONS) as Action[]).filter((a) => !a.endsWith(".read") && !own.includes(a));
    expect(writes.filter((a) => can(leader2, a))).toEqual([]);
  });
});

describe("scope (the row half of the policy)", () => {
  const regionRows = { regionId: { in: [2, 4] } };
  const ownUnitRows = { unitId: 20 };
  const regionUnitRows = { unit: { regionId: { in: [2, 4] } } };
  it.each<[string, (a: Actor) => unknown, Actor, unknown]>([
    ["ADMIN reads every unit", scope.units, admin, {}],
    ["a bureau reads its regions' units", scope.units, bureau2, regionRows],
    ["a liaison reads its regions' units too (the published plan's)", scope.units, liaison2, regionRows],
    ["a bureau reads its regions' plans", scope.plans, bureau2, regionRows],
    ["measures follow their plan", scope.measures, leader2, { plan: regionRows }],
    ["ADMIN reads every region", scope.regions, admin, {}],
    ["a bureau reads its regions", scope.regions, bureau2, { id: { in: [2, 4] } }],
    ["ADMIN reads every assignment", scope.assignments, admin, {}],
    ["a liaison reads its own unit's assignments only", scope.assignments, liaison2, ownUnitRows],
    ["a liaison without a unit reads no assignment", scope.assignments, actor("LIAISON", 2, [2, 4], null), { unitId: -1 }],
    ["a leader reads its regions' units' assignments", scope.assignments, leader2, regionUnitRows],
    ["reports follow their assignment", scope.progressReports, liaison2, { assignment: ownUnitRows }],
    ["rectification items follow their unit", scope.rectifications, liaison2, ownUnitRows],
    ["a bureau's rectification items: its regions' units'", scope.rectifications, bureau2, regionUnitRows],
    ["a liaison sees its own findings only", scope.findings, liaison2, { rectifications: { some: ownUnitRows } }],
    ["a bureau sees every finding of a readable inspection", scope.findings, bureau2, {}],
    [
      "a liaison reads its unit's and published annual reports",
      scope.annualReports,
      liaison2,
      { ...regionRows, OR: [ownUnitRows, { status: "PUBLISHED" }] },
    ],
    ["a bureau reads its regions' annual reports", scope.annualReports, bureau2, regionRows],
    ["a liaison compiles its own unit's annual report only", scope.compiledAnnualReports, liaison2, { ...regionRows, ...ownUnitRows }],
    ["an inbox is one's own", scope.notifications, bureau2, { userId: 1 }],
    ["a bureau reads its regions' 考核, drafts too", scope.assessments, bureau2, regionRows],
    ["a leader reads its regions' published 考核 only", scope.assessments, leader2, { ...regionRows, status: "PUBLISHED" }],
    ["a liaison reads its regions' published 考核 only", scope.assessments, liaison2, { ...regionRows, status: "PUBLISHED" }],
    ["ADMIN reads every 考核", scope.assessments, admin, {}],
  ])("%s", (_name, fragment, who, expected) => {
    expect(fragment(who)).toEqual(expected);
  });

  it("the raw-SQL rectification filter binds a liaison's unit and leaves other roles alone", () => {
    const sql = scope.rectificationUnitSql(liaison2, "r");
    expect(sql.sql).toBe('AND r."unitId" = ?::int');
    expect(sql.values).toEqual([20]);
    expect(scope.rectificationUnitSql(bureau2, "r").sql).toBe("");
  });

  it("only a liaison of the unit reports as itself; everyone else on the unit's behalf", () => {
    expect(scope.isOwnUnit(liaison2, 20)).toBe(true);
    expect(scope.isOwnUnit(liaison2, 21)).toBe(false);
    expect(scope.isOwnUnit(actor("BUREAU", 2, [2, 4], 20), 20)).toBe(false);
    expect(scope.isOwnUnit(actor("LIAISON", 2, [2, 4], null), null)).toBe(false);
  });
});

describe("assignableRoles", () => {
  it.each<[string, Actor, string[]]>([
    ["ADMIN hands out every role", admin, ["ADMIN", "BUREAU", "LEADER", "LIAISON"]],
    ["bureau staff never hand out ADMIN", bureau2, ["BUREAU", "LEADER", "LIAISON"]],
  ])("%s", (_label, who, roles) => {
    expect([...assignableRoles(who)].sort()).toEqual(roles);
  });
});
