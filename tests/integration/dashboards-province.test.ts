import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { dashboardHome, loadCityDashboard, loadProvinceDashboard, warmProvinceViews } from "@/lib/dashboards/queries.ts";
import type { AssignmentCounters, MeasureCounters } from "@/lib/dashboards/facts.ts";
import { PROVINCE_CODE, PROVINCE_LEADER_LOGIN, generateProvince } from "@/lib/synth/province.ts";
import { GET as exportRoute } from "@/app/(app)/dashboard/city/[id]/export/route.ts";
import { actAs } from "../support/acting.ts";

// The province leader's view on a small synthetic province: 11 districts, so
// two cities (10 and 1; lib/synth puts 10 districts in a city). Each city's
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
    for (const [k, v] of Object.entries(row ?? {})) if (k !== "districtId" && k !== "area") out[k] = (out[k] ?? 0) + (v as number);
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
      for (const filters of [{}, { period: "2026-Q2" }, { light: "RED" as const }, { state: "IN_PROGRESS" as const }, { area: "ENFORCEMENT" }]) {
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
    "keeps the figures for a while per scope, counts afresh on request, and is the province leader's only",
    async () => {
      const first = (await loadProvinceDashboard(leader, provinceId, {}, TODAY, { fresh: true }))!;
      const measure = await db().measure.findFirstOrThrow({ where: { ongoing: false }, orderBy: { id: "asc" } });
      await db().assignment.deleteMany({ where: { measureId: measure.id } });
      await db().measure.delete({ where: { id: measure.id } });
      const kept = (await loadProvinceDashboard(leader, provinceId, {}, TODAY))!;
      expect(kept.asOf).toEqual(first.asOf);
      expect(kept.totals.measures!.measures).toBe(first.totals.measures!.measures);
      const fresh = (await loadProvinceDashboard(leader, provinceId, {}, TODAY, { fresh: true }))!;
      expect(fresh.totals.measures!.measures).toBe(first.totals.measures!.measures - 1);

      // Counted in the background (instrumentation.ts) under the same key as the leader's own view.
      expect(await warmProvinceViews(TODAY)).toEqual([provinceId]);
      const warmed = (await loadProvinceDashboard(leader, provinceId, {}, TODAY))!;
      expect(warmed.asOf.getTime()).toBeGreaterThan(fresh.asOf.getTime());
      expect(warmed.totals).toEqual(fresh.totals);

      // A city's leader: the province is out of scope, and the city's own page stays the city view.
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
    "exports per city, area × city, and every district with its city",
    async () => {
      const get = (id: number, table: string) =>
        exportRoute(new Request(`http://x/dashboard/city/${id}/export?table=${table}`), { params: Promise.resolve({ id: String(id) }) });
      const sheet = async (response: Response) => {
        expect(response.status).toBe(200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await response.arrayBuffer());
        const ws = workbook.worksheets[0]!;
        return ws.getSheetValues().slice(1).map((row) => (row as ExcelJS.CellValue[]).slice(1));
      };
      await actAs(await db().user.findFirstOrThrow({ where: { login: PROVINCE_LEADER_LOGIN } }));
      const view = (await loadProvinceDashboard(leader, provinceId, {}, TODAY, { fresh: true }))!;
      const cities = await sheet(await get(provinceId, "cities"));
      expect(cities[2]!.slice(0, 3)).toEqual(["市", "区数", "措施数"]);
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
