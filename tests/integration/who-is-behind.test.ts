import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport, createUnit } from "@/lib/demo/factories.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { loadWhoIsBehind } from "@/lib/dashboards/queries.ts";
import { buildTwoDistricts } from "../support/world.ts";

// The leader's home answers "who is behind": on 2024-10-15 the quarter judged
// is 2024-Q3 (due 10-10) and the one before it 2024-Q2. District A has one unit
// per kind of lagging — J has not reported two measures this quarter, F's
// measure is overdue, D has a report returned and not resubmitted — and E is
// up to date. District B has an overdue measure of its own.

const TODAY = "2024-10-15";
const Q2 = { start: "2024-04-01", end: "2024-06-30" };
const Q3 = { start: "2024-07-01", end: "2024-09-30" };

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let units: { J: number; D: number; F: number; E: number; BJ: number };

const actor = async (user: { id: number }) => (await loadActor(user.id))!;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-10-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const A = world.a.region.id;
  const J = world.a.units.justice.id;
  const D = world.a.units.development.id;
  const F = (await createUnit(db(), { regionId: A, name: "区财政局" })).id;
  const E = (await createUnit(db(), { regionId: A, name: "区教育局" })).id;
  const BJ = world.b.units.justice.id;
  units = { J, D, F, E, BJ };
  const plan = await createPlan(db(), { regionId: A, title: "下陆区法治政府建设实施方案" });
  const planB = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });
  const later = "2025-12-31";
  const mJ1 = await createMeasure(db(), { planId: plan.id, code: "1", deadline: later, leadUnitIds: [J] });
  const mJ2 = await createMeasure(db(), { planId: plan.id, code: "2", deadline: later, leadUnitIds: [J] });
  const mF = await createMeasure(db(), { planId: plan.id, code: "3", deadline: "2024-09-30", leadUnitIds: [F] });
  const mD = await createMeasure(db(), { planId: plan.id, code: "4", deadline: later, leadUnitIds: [D] });
  const mE = await createMeasure(db(), { planId: plan.id, code: "5", deadline: later, leadUnitIds: [E] });
  await createMeasure(db(), { planId: planB.id, code: "1", deadline: "2024-05-31", leadUnitIds: [BJ] });
  await db().measure.updateMany({ data: { createdAt: new Date("2024-01-01T00:00:00Z") } });
  await db().assignment.updateMany({ data: { createdAt: new Date("2024-01-01T00:00:00Z") } });

  const reviewer = world.a.users.bureau.id;
  const report = async (
    measureId: number,
    unitId: number,
    period: { start: string; end: string },
    state: "SUBMITTED" | "APPROVED" | "RETURNED",
  ) =>
    createProgressReport(db(), {
      assignmentId: (await db().assignment.findFirstOrThrow({ where: { measureId, unitId } })).id,
      period,
      state,
      authorId: reviewer,
      reviewerId: state === "SUBMITTED" ? null : reviewer,
    });
  await report(mJ1.id, J, Q2, "APPROVED");
  await report(mJ2.id, J, Q2, "APPROVED");
  await report(mF.id, F, Q2, "APPROVED");
  await report(mF.id, F, Q3, "APPROVED");
  await report(mD.id, D, Q2, "RETURNED");
  await report(mD.id, D, Q3, "SUBMITTED");
  await report(mE.id, E, Q2, "APPROVED");
  await report(mE.id, E, Q3, "APPROVED");
});

afterEach(() => {
  vi.useRealTimers();
});

const brief = (u: { unitId: number; notReported: number; overdue: number; returned: number }) => [
  u.unitId,
  u.notReported,
  u.overdue,
  u.returned,
];

describe("who is behind", () => {
  it("lists the district's lagging units, not reported first, then overdue, then returned, with this quarter's and last quarter's report rate", async () => {
    const data = (await loadWhoIsBehind(await actor(world.a.users.leader), TODAY))!;
    expect(data.units.map(brief)).toEqual([
      [units.J, 2, 0, 0],
      [units.F, 0, 1, 0],
      [units.D, 0, 0, 1],
    ]);
    expect(data.units[0]).toMatchObject({ name: "区司法局", districtName: "下陆区" });
    expect(data.overdueMeasures).toBe(1);
    expect(data.unitCount).toBe(4);
    expect(data.period).toMatchObject({ label: "2024年第三季度", expected: 5, submitted: 3 });
    expect(data.previousPeriod).toMatchObject({ label: "2024年第二季度", expected: 5, submitted: 4 });
    expect(data.dashboardHref).toBe(`/dashboard/district/${world.a.region.id}`);
  });

  it("answers bureau staff the same way; a liaison gets nothing", async () => {
    const bureau = (await loadWhoIsBehind(await actor(world.a.users.bureau), TODAY))!;
    expect(bureau.units.map((u) => u.unitId)).toEqual([units.J, units.F, units.D]);
    expect(await loadWhoIsBehind(await actor(world.a.users.liaison), TODAY)).toBeNull();
  });

  it("keeps to the actor's scope: another district's leader sees none of this district; the city leader sees both", async () => {
    const other = (await loadWhoIsBehind(await actor(world.b.users.leader), TODAY))!;
    expect(other.units.map(brief)).toEqual([[units.BJ, 1, 1, 0]]);
    expect(JSON.stringify(other)).not.toContain("下陆区");
    expect(other.period).toMatchObject({ expected: 1, submitted: 0 });
    expect(other.dashboardHref).toBe(`/dashboard/district/${world.b.region.id}`);

    const city = (await loadWhoIsBehind(await actor(world.cityLeader), TODAY))!;
    // B's unit owes a report too, and has more of them overdue: it ranks among the not reported.
    expect(city.units.map(brief)).toEqual([
      [units.J, 2, 0, 0],
      [units.BJ, 1, 1, 0],
      [units.F, 0, 1, 0],
      [units.D, 0, 0, 1],
    ]);
    expect(city.units.find((u) => u.unitId === units.BJ)).toMatchObject({ districtName: "黄石港区" });
    expect(city.overdueMeasures).toBe(2);
    expect(city.period).toMatchObject({ expected: 6, submitted: 3 });
    expect(city.previousPeriod).toMatchObject({ expected: 6, submitted: 4 });
    expect(city.dashboardHref).toBe(`/dashboard/city/${world.city.id}`);
  });

  it("keeps a scope of several districts for ten minutes; one district is read afresh each time", async () => {
    const cityLeader = await actor(world.cityLeader);
    const first = (await loadWhoIsBehind(cityLeader, TODAY))!;
    expect(first.cached).toBe(true);
    const district = (await loadWhoIsBehind(await actor(world.a.users.leader), TODAY))!;
    expect(district.cached).toBe(false);
    // A unit of district A becomes inactive: the district's own figures change at once, the city's after ten minutes.
    await db().unit.update({ where: { id: units.D }, data: { active: false } });
    expect((await loadWhoIsBehind(await actor(world.a.users.leader), TODAY))!.units.map((u) => u.unitId)).not.toContain(units.D);
    vi.setSystemTime(new Date(Date.now() + 9 * 60_000));
    expect((await loadWhoIsBehind(cityLeader, TODAY))!.units.map((u) => u.unitId)).toContain(units.D);
    vi.setSystemTime(new Date(Date.now() + 2 * 60_000));
    const later = (await loadWhoIsBehind(cityLeader, TODAY))!;
    expect(later.units.map((u) => u.unitId)).not.toContain(units.D);
    expect(later.asOf.getTime()).toBeGreaterThan(first.asOf.getTime());
  });
});
