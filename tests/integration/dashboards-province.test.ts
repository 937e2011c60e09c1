import ExcelJS from "exceljs";
import os from "node:os";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { createPrisma, db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createRegion, createUnit, createUser } from "@/lib/demo/factories.ts";
import { runJobOnce } from "@/lib/jobs/run.ts";
import { runDashboardSnapshots } from "@/lib/jobs/scheduled.ts";
import { JOB_LOCK_NAMESPACE, jobLockKey } from "@/lib/jobs/schema.ts";
import { todayInChina } from "@/lib/dates.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import {
  crossDistrictTitle,
  dashboardHome,
  loadCityDashboard,
  loadProvinceDashboard,
  SNAPSHOT_MAX_AGE_MS,
  writeProvinceSnapshots,
} from "@/lib/dashboards/queries.ts";
import type { AssignmentCounters, MeasureCounters } from "@/lib/dashboards/facts.ts";
import { PROVINCE_CODE, PROVINCE_LEADER_LOGIN, generateProvince } from "@/lib/demo/synth/province.ts";
import { GET as exportRoute } from "@/app/(app)/dashboard/city/[id]/export/route.ts";
import { actAs } from "../support/acting.ts";

// The province leader's view on a small synthetic province: 11 districts, so
// two cities (10 and 1; lib/demo/synth puts 10 districts in a city). Each city's
// row must be the sum of its districts' rows in the city view, which the
// city view's own tests hold to independent SQL: the same rules, summed over
// the city in SQL rather than district by district.

const TODAY = "2026-11-23";
const SLOW = 240_000;

let provinceId: number;
let leader: Actor;

beforeEach(async () => {
  await generateProvince(process.env.DATABASE_URL!, { districts: 11, today: TODAY, seed: 7 });
  provinceId = (await db().region.findFirstOrThrow({ where: { code: PROVINCE_CODE } })).id;
  const user = await db().user.findFirstOrThrow({ where: { login: PROVINCE_LEADER_LOGIN } });
  leader = (await loadActor(user.id))!;
}, SLOW);

/** Counters added up key by key (the labels districtId and area left out). */
function sum<T extends MeasureCounters | AssignmentCounters>(rows: (T | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) {
    for (const [k, v] of Object.entries(row ?? {})) if (k !== "districtId" && k !== "area") out[k] = (out[k] ?? 0) + v;
  }
  return out;
}

describe("province view", () => {
  it(
    "shows one row per city whose figures equal the sum of the city view's districts, under every filter",
    async () => {
      expect(await dashboardHome(leader)).toBe(`/dashboard/city/${provinceId}`);
      const cities = await db().region.findMany({ where: { level: "CITY", code: { startsWith: "S" } }, orderBy: { code: "asc" } });
      expect(cities).toHaveLength(2);
      for (const filters of [
        {},
        { period: "2026-Q2" },
        { light: "RED" as const },
        { state: "IN_PROGRESS" as const },
        { area: "ENFORCEMENT" },
      ]) {
        const province = (await loadProvinceDashboard(leader, provinceId, filters, TODAY, { fresh: true }))!;
        expect(province.cities.map((c) => c.id)).toEqual(cities.map((c) => c.id));
        expect(province.cities.map((c) => c.districtCount)).toEqual([10, 1]);
        expect(province.districtCount).toBe(11);
        for (const row of province.cities) {
          const city = (await loadCityDashboard(leader, row.id, filters, TODAY))!;
          expect(city.districts).toHaveLength(row.districtCount);
          expect(row.measures).toEqual(sum(city.districts.map((d) => d.measures)));
          expect(row.assignments).toEqual(sum(city.districts.map((d) => d.assignments)));
          // Area × city: each cell is the sum of the city's districts in that area.
          const areas = new Set(city.areaCells.map((c) => c.area));
          for (const area of areas) {
            const cell = province.areaCells.find((c) => c.cityId === row.id && c.area === area)!;
            const { cityId: _c, area: _a, ...counters } = cell;
            expect(counters).toEqual(sum(city.areaCells.filter((c) => c.area === area)));
          }
          expect(province.areaCells.filter((c) => c.cityId === row.id)).toHaveLength(areas.size);
        }
        expect(province.totals.measures).toEqual(sum(province.cities.map((c) => c.measures)));
        expect(province.totals.assignments).toEqual(sum(province.cities.map((c) => c.assignments)));
      }
      // Not a trivial zero: the synthetic districts have measures, overdue ones and reports due.
      const all = (await loadProvinceDashboard(leader, provinceId, {}, TODAY))!;
      expect(all.totals.measures!.measures).toBeGreaterThan(1000);
      expect(all.totals.measures!.overdue).toBeGreaterThan(0);
      expect(all.totals.assignments!.expected).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    "reads the unfiltered view from the snapshot the job writes, the same for every server; a new snapshot replaces the old",
    async () => {
      const url = process.env.DATABASE_URL!;
      // Two servers: the job runs on B's client, the page reads through the app's.
      const serverB = createPrisma(url);
      try {
        // No snapshot yet: counted for the page.
        const before = (await loadProvinceDashboard(leader, provinceId, {}, TODAY))!;
        expect(before.source).toBe("memory");

        const outcome = await runDashboardSnapshots({ db: serverB, url }, TODAY);
        expect(outcome.status).toBe("SUCCEEDED");
        const run = await db().jobRun.findFirstOrThrow({ where: { job: "dashboard-snapshots" } });
        expect(run).toMatchObject({ status: "SUCCEEDED", summary: { provinces: 1 }, host: os.hostname() });
        const snapshot = await serverB.dashboardSnapshot.findFirstOrThrow({ where: { regionId: provinceId } });

        const first = (await loadProvinceDashboard(leader, provinceId, {}, TODAY))!;
        expect(first.source).toBe("snapshot");
        expect(first.asOf).toEqual(snapshot.asOf);
        expect(first.totals).toEqual(before.totals);
        expect(first.cities).toEqual(before.cities);
        expect(first.areaCells).toEqual(before.areaCells);

        // Later changes show only with the next snapshot: every reload reads the same row, the same asOf.
        const measure = await db().measure.findFirstOrThrow({ where: { ongoing: false }, orderBy: { id: "asc" } });
        await db().assignment.deleteMany({ where: { measureId: measure.id } });
        await db().measure.delete({ where: { id: measure.id } });
        const again = (await loadProvinceDashboard(leader, provinceId, {}, TODAY))!;
        expect(again.asOf).toEqual(first.asOf);
        expect(again.totals).toEqual(first.totals);

        expect(await writeProvinceSnapshots(serverB, TODAY)).toEqual([provinceId]);
        expect(await db().dashboardSnapshot.count()).toBe(1);
        const next = (await loadProvinceDashboard(leader, provinceId, {}, TODAY))!;
        expect(next.source).toBe("snapshot");
        expect(next.asOf.getTime()).toBeGreaterThan(first.asOf.getTime());
        expect(next.totals.measures!.measures).toBe(first.totals.measures!.measures - 1);

        // A second server's run a moment later finds today's snapshot young and counts nothing.
        expect((await runDashboardSnapshots({ db: serverB, url }, TODAY)).status).toBe("SUCCEEDED");
        expect((await serverB.dashboardSnapshot.findFirstOrThrow({ where: { regionId: provinceId } })).asOf).toEqual(next.asOf);
        expect((await db().jobRun.findFirstOrThrow({ where: { job: "dashboard-snapshots" }, orderBy: { id: "desc" } })).summary).toEqual({
          provinces: 0,
        });

        // A snapshot three runs old means the job has stopped: not shown as current, counted for the page.
        await db().dashboardSnapshot.updateMany({ data: { asOf: new Date(Date.now() - SNAPSHOT_MAX_AGE_MS - 1000) } });
        expect((await loadProvinceDashboard(leader, provinceId, {}, TODAY))!.source).toBe("memory");

        // A snapshot of another day is not today's figures: counted for the page.
        expect((await loadProvinceDashboard(leader, provinceId, {}, "2026-11-24"))!.source).toBe("memory");
        // Filtered views are counted when opened, not read from the snapshot.
        expect((await loadProvinceDashboard(leader, provinceId, { light: "RED" }, TODAY))!.source).toBe("memory");
      } finally {
        await serverB.$disconnect();
      }

      // A leader whose scope is part of the province never reads the whole province's snapshot.
      const city = await db().region.findFirstOrThrow({ where: { level: "CITY", code: { startsWith: "S" } }, orderBy: { code: "asc" } });
      const cityLeader = await actAs(
        await db().user.create({ data: { login: "city.leader", name: "市领导", role: "LEADER", regionId: city.id, passwordHash: "x" } }),
      );
      expect(await loadProvinceDashboard(cityLeader!, provinceId, {}, TODAY)).toBeNull();
      expect(await loadProvinceDashboard(cityLeader!, city.id, {}, TODAY)).toBeNull();
      expect((await loadCityDashboard(cityLeader!, city.id, {}, TODAY))!.districts).toHaveLength(10);
    },
    SLOW,
  );

  it(
    "the snapshot job runs once across two servers: one counts, the other records a skipped run",
    async () => {
      const url = process.env.DATABASE_URL!;
      const [a, b] = [createPrisma(url), createPrisma(url)];
      try {
        // Both runners enter runJobOnce together; the work waits at a gate so that they overlap.
        let entered = 0;
        let open!: () => void;
        const gate = new Promise<void>((resolve) => (open = resolve));
        let inside!: () => void;
        const oneInside = new Promise<void>((resolve) => (inside = resolve));
        const work = (database: typeof a) => async () => {
          entered++;
          inside();
          await gate;
          return writeProvinceSnapshots(database, TODAY);
        };
        const runA = runJobOnce({ db: a, url }, "dashboard-snapshots", work(a), { summarize: (p) => ({ provinces: p.length }) });
        const runB = runJobOnce({ db: b, url }, "dashboard-snapshots", work(b), { summarize: (p) => ({ provinces: p.length }) });
        await oneInside;
        await Promise.race([runA, runB]);
        open();
        const outcomes = await Promise.all([runA, runB]);
        expect(outcomes.map((o) => o.status).sort()).toEqual(["SKIPPED", "SUCCEEDED"]);
        expect(entered).toBe(1);
        expect((await db().jobRun.findMany({ where: { job: "dashboard-snapshots" } })).map((r) => r.status).sort()).toEqual([
          "SKIPPED",
          "SUCCEEDED",
        ]);
        expect(await db().dashboardSnapshot.count()).toBe(1);

        // The scheduled job itself stands aside while another server holds its lock.
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        try {
          await other.query("SELECT pg_advisory_lock($1, $2)", [JOB_LOCK_NAMESPACE, jobLockKey("dashboard-snapshots")]);
          expect((await runDashboardSnapshots({ db: b, url }, TODAY)).status).toBe("SKIPPED");
        } finally {
          await other.end();
        }
        expect((await runDashboardSnapshots({ db: b, url }, TODAY)).status).toBe("SUCCEEDED");
      } finally {
        await Promise.all([a.$disconnect(), b.$disconnect()]);
      }
    },
    SLOW,
  );

  it(
    "exports per city, area × city, and every district with its city",
    async () => {
      const get = (id: number, table: string) =>
        exportRoute(new Request(`http://x/dashboard/city/${id}/export?table=${table}`), { params: Promise.resolve({ id: String(id) }) });
      const sheet = async (response: Response) => {
        expect(response.status).toBe(200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await response.arrayBuffer());
        const ws = workbook.worksheets[0]!;
        return ws
          .getSheetValues()
          .slice(1)
          .map((row) => (row as ExcelJS.CellValue[]).slice(1));
      };
      await actAs(await db().user.findFirstOrThrow({ where: { login: PROVINCE_LEADER_LOGIN } }));
      const view = (await loadProvinceDashboard(leader, provinceId, {}, TODAY, { fresh: true }))!;
      const cities = await sheet(await get(provinceId, "cities"));
      expect(cities[2]!.slice(0, 3)).toEqual(["市", "区数", "举措数"]);
      expect(cities.slice(3).map((r) => r[0])).toEqual(view.cities.map((c) => c.name));
      expect(cities.slice(3).map((r) => r[1])).toEqual([10, 1]);
      const districts = await sheet(await get(provinceId, "districts"));
      expect(districts[2]!.slice(0, 2)).toEqual(["市", "区"]);
      expect(districts.slice(3)).toHaveLength(11);
      expect(new Set(districts.slice(3).map((r) => r[0]))).toEqual(new Set(view.cities.map((c) => c.name)));
      const areas = await sheet(await get(provinceId, "areas"));
      expect(areas[2]![0]).toBe("纲要领域");
      expect(areas[2]).toHaveLength(1 + 2 * view.cities.length);
      // A city keeps its own tables; "cities" is a province's only.
      const city = view.cities[0]!;
      expect((await sheet(await get(city.id, "districts"))).slice(3)).toHaveLength(10);
      expect((await get(city.id, "cities")).status).toBe(404);
    },
    SLOW,
  );
});

describe("a province with a district placed directly under it (省直管)", () => {
  /** 湖北省: 黄石市 with 下陆区, and 仙桃市 directly under the province, each with one measure. */
  async function hubei() {
    const prisma = db();
    const province = await createRegion(prisma, { code: "420000", name: "湖北省", level: "PROVINCE" });
    const city = await createRegion(prisma, { code: "420200", name: "黄石市", level: "CITY", parentId: province.id });
    const d1 = await createRegion(prisma, { code: "420204", name: "下陆区", level: "DISTRICT", parentId: city.id });
    const direct = await createRegion(prisma, { code: "429004", name: "仙桃市", level: "DISTRICT", parentId: province.id });
    const plans: Record<number, number> = {};
    const units: Record<number, number> = {};
    for (const d of [d1, direct]) {
      const unit = await createUnit(prisma, { regionId: d.id, name: "司法局" });
      const plan = await createPlan(prisma, { regionId: d.id, title: `${d.name}方案` });
      await createMeasure(prisma, { planId: plan.id, code: "1", deadline: "2025-12-31", leadUnitIds: [unit.id] });
      plans[d.id] = plan.id;
      units[d.id] = unit.id;
    }
    const user = await createUser(prisma, { login: "p.leader", name: "省领导", role: "LEADER", regionId: province.id });
    const leader = (await actAs(user))!;
    return { province, city, d1, direct, plans, units, leader };
  }

  it("gives that district a row of its own that drills down to it, not the province itself", async () => {
    const { province, city, direct, leader } = await hubei();
    for (const view of [
      (await loadProvinceDashboard(leader, province.id, {}, TODAY, { fresh: true }))!,
      (await loadProvinceDashboard(leader, province.id, {}, TODAY))!,
    ]) {
      expect(view.cities.map((c) => ({ id: c.id, level: c.level, districtCount: c.districtCount }))).toEqual([
        { id: city.id, level: "CITY", districtCount: 1 },
        { id: direct.id, level: "DISTRICT", districtCount: 1 },
      ]);
      expect(view.cities.map((c) => c.id)).not.toContain(province.id);
      expect(view.cities.find((c) => c.id === direct.id)!.measures!.measures).toBe(1);
      expect(view.totals.measures!.measures).toBe(2);
    }
    // The snapshot holds the same rows.
    await writeProvinceSnapshots(db(), TODAY);
    const kept = (await loadProvinceDashboard(leader, province.id, {}, TODAY))!;
    expect(kept.source).toBe("snapshot");
    expect(kept.cities.map((c) => c.id)).toEqual([city.id, direct.id]);
    // The district's own page opens for the province leader.
    expect(await dashboardHome(leader)).toBe(`/dashboard/city/${province.id}`);
  });

  it("names 省直管 as the 市 of such a district in the districts export", async () => {
    const { province } = await hubei();
    const response = await exportRoute(new Request(`http://x/dashboard/city/${province.id}/export?table=districts`), {
      params: Promise.resolve({ id: String(province.id) }),
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const rows = workbook.worksheets[0]!.getSheetValues()
      .slice(1)
      .map((row) => (row as ExcelJS.CellValue[]).slice(1));
    expect(rows.slice(3).map((r) => [r[0], r[1]])).toEqual([
      ["黄石市", "下陆区"],
      ["省直管", "仙桃市"],
    ]);
  });

  it("titles the page from the data, and the city view links back to the province for those who can see it", async () => {
    const { province, city, leader } = await hubei();
    expect(await crossDistrictTitle(leader, province.id)).toBe("湖北省 · 各市对比");
    expect(await crossDistrictTitle(leader, city.id)).toBe("黄石市 · 各区对比");
    expect((await loadCityDashboard(leader, city.id, {}, TODAY))!.province).toEqual({ id: province.id, name: "湖北省" });
    const cityLeader = (await actAs(await createUser(db(), { login: "c.leader", name: "市领导", role: "LEADER", regionId: city.id })))!;
    expect((await loadCityDashboard(cityLeader, city.id, {}, TODAY))!.province).toBeNull();
    expect(await crossDistrictTitle(cityLeader, province.id)).toBeNull();
  });
});

describe("province export", () => {
  it("counts afresh, says when, and agrees with the districts export", async () => {
    const prisma = db();
    const province = await createRegion(prisma, { code: "420000", name: "湖北省", level: "PROVINCE" });
    const city = await createRegion(prisma, { code: "420200", name: "黄石市", level: "CITY", parentId: province.id });
    const d1 = await createRegion(prisma, { code: "420204", name: "下陆区", level: "DISTRICT", parentId: city.id });
    const unit = await createUnit(prisma, { regionId: d1.id, name: "司法局" });
    const plan = await createPlan(prisma, { regionId: d1.id, title: "方案" });
    await createMeasure(prisma, { planId: plan.id, code: "1", deadline: "2025-12-31", leadUnitIds: [unit.id] });
    const leader = (await actAs(await createUser(prisma, { login: "p.leader", name: "省领导", role: "LEADER", regionId: province.id })))!;
    // The page's figures are kept (snapshot and memory) ...
    await writeProvinceSnapshots(prisma, todayInChina());
    await loadProvinceDashboard(leader, province.id, { light: "GREEN" });
    // ... and a measure added since.
    await createMeasure(prisma, { planId: plan.id, code: "2", deadline: "2025-12-31", leadUnitIds: [unit.id] });
    const sheet = async (table: string, query = "") => {
      const r = await exportRoute(new Request(`http://x/dashboard/city/${province.id}/export?table=${table}${query}`), {
        params: Promise.resolve({ id: String(province.id) }),
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await r.arrayBuffer());
      return wb.worksheets[0]!.getSheetValues()
        .slice(1)
        .map((row) => (row as ExcelJS.CellValue[]).slice(1));
    };
    const cities = await sheet("cities");
    const districts = await sheet("districts");
    expect(cities[2]![2]).toBe("举措数");
    expect(districts[2]!.slice(0, 3)).toEqual(["市", "区", "举措数"]);
    expect(cities[3]![2]).toBe(2);
    expect(districts[3]![2]).toBe(2);
    expect(String(cities[1]![0] as string)).toMatch(/统计于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect((await sheet("cities", "&light=GREEN"))[3]![2]).toBe((await sheet("districts", "&light=GREEN"))[3]![2]);
  });
});
