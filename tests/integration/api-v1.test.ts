import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport, createRegion } from "@/lib/demo/factories.ts";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/actions.ts";
import { loadCityDashboard, loadDistrictDashboard } from "@/lib/dashboards/queries.ts";
import { parseDashboardFilters } from "@/lib/dashboards/schema.ts";
import { MAX_PAGE_SIZE } from "@/lib/api/schema.ts";
import { GET as plansRoute } from "@/app/api/v1/plans/route.ts";
import { GET as planRoute } from "@/app/api/v1/plans/[planId]/route.ts";
import { GET as measuresRoute } from "@/app/api/v1/plans/[planId]/measures/route.ts";
import { GET as progressRoute } from "@/app/api/v1/plans/[planId]/progress/route.ts";
import { GET as measureRoute } from "@/app/api/v1/measures/[measureId]/route.ts";
import { GET as assignmentsRoute } from "@/app/api/v1/assignments/route.ts";
import { GET as districtDashboardRoute } from "@/app/api/v1/dashboards/districts/[districtId]/route.ts";
import { GET as regionDashboardRoute } from "@/app/api/v1/dashboards/regions/[regionId]/route.ts";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// The read API through its route handlers, called as Next calls them, on the
// real database: the token, the region scope (404 outside, lists without
// other districts), the pagination and the OpenAPI document the answers must
// match.

type Handler = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;

const CHINESE = /[\u4e00-\u9fff]/;

async function call(handler: unknown, path: string, token: string | null, params: Record<string, string | number> = {}) {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined;
  const stringParams = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const response = await (handler as Handler)(new Request(`http://localhost${path}`, { headers }), {
    params: Promise.resolve(stringParams),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

let w: Awaited<ReturnType<typeof buildTwoDistricts>>;
let planA: { id: number };
let planB: { id: number };
let measuresA: { id: number }[];
let measureB: { id: number };
let tokenA: string;
let tokenCity: string;
let tokenAId: number;

async function token(name: string, regionId: number) {
  await actAs(w.admin);
  const result = await createApiToken({ name, regionId });
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

beforeEach(async () => {
  w = await buildTwoDistricts();
  const prisma = db();
  planA = await createPlan(prisma, { regionId: w.a.region.id, title: "下陆区法治政府建设实施方案" });
  planB = await createPlan(prisma, { regionId: w.b.region.id, title: "黄石港区法治政府建设实施方案" });
  measuresA = [];
  for (const code of ["1", "2", "3", "4", "5"]) {
    measuresA.push(
      await createMeasure(prisma, {
        planId: planA.id,
        code,
        deadline: "2025-12-31",
        leadUnitIds: [w.a.units.development.id],
        responsibleUnitIds: [w.a.units.justice.id],
      }),
    );
  }
  measureB = await createMeasure(prisma, { planId: planB.id, code: "1", deadline: "2025-12-31", leadUnitIds: [w.b.units.development.id] });
  const a = await token("下陆区平台", w.a.region.id);
  tokenA = a.token;
  tokenAId = a.id;
  tokenCity = (await token("黄石市平台", w.city.id)).token;
});

describe("token auth", () => {
  it("answers 401 in JSON without a token, with a wrong one and with a revoked one", async () => {
    const wrongShape = "not-a-token";
    const unknown = `fzt_${"A".repeat(43)}`;
    for (const [authorization, label] of [
      [null, "none"],
      [wrongShape, "wrong shape"],
      [unknown, "unknown"],
      [tokenA.slice(0, -1) + (tokenA.endsWith("A") ? "B" : "A"), "one character off"],
    ] as const) {
      const response = await call(plansRoute, "/api/v1/plans", authorization);
      expect(response.status, label).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(response.body).toEqual({ error: { code: "UNAUTHORIZED", message: expect.stringMatching(CHINESE) } });
    }
    // Basic instead of Bearer.
    const basic = await plansRoute(new Request("http://localhost/api/v1/plans", { headers: { authorization: `Basic ${tokenA}` } }));
    expect(basic.status).toBe(401);

    expect((await call(plansRoute, "/api/v1/plans", tokenA)).status).toBe(200);
    await actAs(w.admin);
    expect(await revokeApiToken({ id: tokenAId })).toMatchObject({ ok: true });
    const revoked = await call(plansRoute, "/api/v1/plans", tokenA);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe("UNAUTHORIZED");
  });

  it("keeps only the hash: the token is in no column of the table", async () => {
    const rows = await db().$queryRaw<Record<string, unknown>[]>`SELECT * FROM "ApiToken"`;
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain(tokenA);
    expect(JSON.stringify(rows)).not.toContain(tokenA.slice(12));
  });
});

describe("scope", () => {
  it("lists only the token's region: a district token its district, a city token its districts", async () => {
    const district = await call(plansRoute, "/api/v1/plans", tokenA);
    expect(district.body.items.map((p: { id: number }) => p.id)).toEqual([planA.id]);
    expect(district.body.items[0]).toMatchObject({ title: "下陆区法治政府建设实施方案", measureCount: 5, districtId: w.a.region.id });
    const city = await call(plansRoute, "/api/v1/plans", tokenCity);
    expect(city.body.items.map((p: { id: number }) => p.id)).toEqual([planA.id, planB.id]);

    const assignments = await call(assignmentsRoute, "/api/v1/assignments?limit=200", tokenA);
    expect(assignments.status).toBe(200);
    expect(assignments.body.items).toHaveLength(10);
    expect(assignments.body.items.every((a: { planId: number }) => a.planId === planA.id)).toBe(true);
    const cityAssignments = await call(assignmentsRoute, "/api/v1/assignments?limit=200", tokenCity);
    expect(cityAssignments.body.items).toHaveLength(11);
  });

  it("answers 404 with the same body for another district's id and for an unknown one", async () => {
    const unknownId = 999_999;
    const pairs: [unknown, string, string, Record<string, string | number>, Record<string, string | number>][] = [
      [planRoute, "/api/v1/plans/ID", "planId", { planId: planB.id }, { planId: unknownId }],
      [measuresRoute, "/api/v1/plans/ID/measures", "planId", { planId: planB.id }, { planId: unknownId }],
      [progressRoute, "/api/v1/plans/ID/progress?period=2024-Q4", "planId", { planId: planB.id }, { planId: unknownId }],
      [measureRoute, "/api/v1/measures/ID", "measureId", { measureId: measureB.id }, { measureId: unknownId }],
      [districtDashboardRoute, "/api/v1/dashboards/districts/ID", "districtId", { districtId: w.b.region.id }, { districtId: unknownId }],
      [regionDashboardRoute, "/api/v1/dashboards/regions/ID", "regionId", { regionId: w.city.id }, { regionId: unknownId }],
    ];
    for (const [handler, pattern, , outside, unknown] of pairs) {
      const other = await call(handler, pattern.replace("ID", String(Object.values(outside)[0])), tokenA, outside);
      const missing = await call(handler, pattern.replace("ID", String(Object.values(unknown)[0])), tokenA, unknown);
      expect(other.status, pattern).toBe(404);
      expect(missing.status, pattern).toBe(404);
      expect(other.body).toEqual(missing.body);
      expect(other.body.error).toEqual({ code: "NOT_FOUND", message: "未找到该记录,或您无权访问。" });
    }
    // Filters naming another district's plan or unit.
    for (const query of [`planId=${planB.id}`, `unitId=${w.b.units.justice.id}`]) {
      const response = await call(assignmentsRoute, `/api/v1/assignments?${query}`, tokenA);
      expect(response.status, query).toBe(404);
    }
    // A malformed id in the path is a record that does not exist.
    expect((await call(planRoute, "/api/v1/plans/abc", tokenA, { planId: "abc" })).status).toBe(404);
    expect((await call(planRoute, "/api/v1/plans/2147483648", tokenA, { planId: "2147483648" })).status).toBe(404);

    // The same ids answer through the city token.
    expect((await call(planRoute, `/api/v1/plans/${planB.id}`, tokenCity, { planId: planB.id })).status).toBe(200);
    expect((await call(measureRoute, `/api/v1/measures/${measureB.id}`, tokenCity, { measureId: measureB.id })).status).toBe(200);
  });
});

describe("pagination", () => {
  it("walks every row once with the cursor, and says where the next page is", async () => {
    const seen: number[] = [];
    let path: string | null = `/api/v1/plans/${planA.id}/measures?limit=2`;
    let pages = 0;
    while (path) {
      const response = await call(measuresRoute, path, tokenA, { planId: planA.id });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items.map((m: { id: number }) => m.id));
      if (response.body.next) {
        // The same type as the cursor parameter it is passed back as.
        expect(typeof response.body.nextCursor).toBe("number");
        expect(response.body.next).toContain(`cursor=${response.body.nextCursor}`);
      }
      path = response.body.next;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(measuresA.map((m) => m.id));

    const assignmentIds: number[] = [];
    let cursor: number | null = null;
    do {
      const response = await call(assignmentsRoute, `/api/v1/assignments?limit=3${cursor ? `&cursor=${cursor}` : ""}`, tokenCity);
      assignmentIds.push(...response.body.items.map((a: { id: number }) => a.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(assignmentIds).toHaveLength(11);
    expect(new Set(assignmentIds).size).toBe(11);
    expect(assignmentIds).toEqual([...assignmentIds].sort((x, y) => x - y));
  });

  it("defaults to 50 a page, allows the maximum and no more", async () => {
    const all = await call(assignmentsRoute, "/api/v1/assignments", tokenA);
    expect(all.body).toMatchObject({ next: null, nextCursor: null });
    expect(all.body.items).toHaveLength(10);
    const max = await call(assignmentsRoute, `/api/v1/assignments?limit=${MAX_PAGE_SIZE}`, tokenA);
    expect(max.status).toBe(200);
    const over = await call(assignmentsRoute, `/api/v1/assignments?limit=${MAX_PAGE_SIZE + 1}`, tokenA);
    expect(over.status).toBe(400);
    expect(over.body.error).toEqual({
      code: "BAD_REQUEST",
      message: `每页条数须为 1 至 ${MAX_PAGE_SIZE} 之间的整数`,
      fields: { limit: [`每页条数须为 1 至 ${MAX_PAGE_SIZE} 之间的整数`] },
    });
  });

  it("answers bad parameters with 400 and a Chinese message", async () => {
    for (const query of ["limit=0", "limit=-1", "limit=abc", "limit=1.5", "cursor=abc", "cursor=0", "planId=x", "unitId=2147483648"]) {
      const response = await call(assignmentsRoute, `/api/v1/assignments?${query}`, tokenA);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe("BAD_REQUEST");
      expect(response.body.error.message, query).toMatch(CHINESE);
    }
    for (const query of ["", "?period=2024-13", "?period=2024-09"]) {
      const response = await call(progressRoute, `/api/v1/plans/${planA.id}/progress${query}`, tokenA, { planId: planA.id });
      expect(response.status, query).toBe(400);
      expect(response.body.error.message, query).toMatch(CHINESE);
    }
    const monthly = await call(progressRoute, `/api/v1/plans/${planA.id}/progress?period=2024-09`, tokenA, { planId: planA.id });
    expect(monthly.body.error.message).toBe("报送周期须与本规划的报送频次(按季度报送)一致,如 2026-Q3");

    // A yearly plan's period is all digits, and stays a period, not a number.
    const yearly = await createPlan(db(), { regionId: w.a.region.id, title: "年度工作要点", reportCadence: "YEARLY" });
    const year = await call(progressRoute, `/api/v1/plans/${yearly.id}/progress?period=2024`, tokenA, { planId: yearly.id });
    expect(year.status).toBe(200);
    expect(year.body.period).toMatchObject({ key: "2024", start: "2024-01-01", end: "2024-12-31" });
  });
});

describe("answers", () => {
  it("shows a measure with its assignments, and a period's report states without a draft's content", async () => {
    const [first, second] = measuresA as [{ id: number }, { id: number }];
    const measure = await call(measureRoute, `/api/v1/measures/${first.id}`, tokenA, { measureId: first.id });
    expect(measure.status).toBe(200);
    expect(measure.body).toMatchObject({ id: first.id, planId: planA.id, code: "1", deadline: "2025-12-31", ongoing: false });
    expect(measure.body.assignments.map((a: { unit: { name: string }; role: string }) => [a.unit.name, a.role])).toEqual([
      ["区发改局", "LEAD"],
      ["区司法局", "RESPONSIBLE"],
    ]);

    const assignment = (measureId: number, unitId: number) => db().assignment.findFirstOrThrow({ where: { measureId, unitId } });
    const submitted = await assignment(first.id, w.a.units.development.id);
    const draft = await assignment(first.id, w.a.units.justice.id);
    await createProgressReport(db(), {
      assignmentId: submitted.id,
      period: { start: "2024-10-01", end: "2024-12-31" },
      state: "SUBMITTED",
      percent: 60,
      text: "已完成年度任务的六成",
      authorId: w.a.users.liaison.id,
    });
    await createProgressReport(db(), {
      assignmentId: draft.id,
      period: { start: "2024-10-01", end: "2024-12-31" },
      state: "DRAFT",
      text: "草稿内容不应外露",
      authorId: w.a.users.bureau.id,
    });
    const progress = await call(progressRoute, `/api/v1/plans/${planA.id}/progress?period=2024-Q4&measureId=${first.id}`, tokenA, {
      planId: planA.id,
    });
    expect(progress.status).toBe(200);
    expect(progress.body.period).toEqual({
      key: "2024-Q4",
      label: "2024年第四季度",
      start: "2024-10-01",
      end: "2024-12-31",
      dueDate: "2025-01-10",
    });
    expect(progress.body.items).toEqual([
      expect.objectContaining({
        assignmentId: submitted.id,
        state: "SUBMITTED",
        report: expect.objectContaining({ percent: 60, text: "已完成年度任务的六成" }),
      }),
      expect.objectContaining({ assignmentId: draft.id, state: "DRAFT", report: null }),
    ]);
    expect(JSON.stringify(progress.body)).not.toContain("草稿内容");

    const other = await call(progressRoute, `/api/v1/plans/${planA.id}/progress?period=2024-Q4&measureId=${second.id}`, tokenA, {
      planId: planA.id,
    });
    expect(other.body.items.map((i: { state: string }) => i.state)).toEqual(["NONE", "NONE"]);
    // A measure of another district as the filter: 404.
    const outside = await call(progressRoute, `/api/v1/plans/${planA.id}/progress?period=2024-Q4&measureId=${measureB.id}`, tokenCity, {
      planId: planA.id,
    });
    expect(outside.status).toBe(404);
  });

  it("gives the dashboards' own figures", async () => {
    const leader = (await actAs(w.a.users.leader))!;
    const filters = parseDashboardFilters({ period: "2024-Q4" });
    const page = await loadDistrictDashboard(leader, w.a.region.id, filters);
    const district = await call(districtDashboardRoute, `/api/v1/dashboards/districts/${w.a.region.id}?period=2024-Q4`, tokenA, {
      districtId: w.a.region.id,
    });
    expect(district.status).toBe(200);
    expect(district.body).toMatchObject({ district: { id: w.a.region.id, name: "下陆区" }, periodLabel: page!.periodLabel });
    expect(district.body.totals).toEqual(page!.totals);
    expect(district.body.assignmentTotals).toEqual(page!.assignmentTotals);
    expect(district.body.totals.measures).toBe(5);

    const cityLeader = (await actAs(w.cityLeader))!;
    const cityPage = await loadCityDashboard(cityLeader, w.city.id, parseDashboardFilters({}));
    const city = await call(regionDashboardRoute, `/api/v1/dashboards/regions/${w.city.id}`, tokenCity, { regionId: w.city.id });
    expect(city.status).toBe(200);
    expect(city.body.districts.map((d: { name: string; measures: { measures: number } }) => [d.name, d.measures.measures])).toEqual(
      cityPage!.districts.map((d) => [d.name, d.measures!.measures]),
    );
  });
});

/** Puts 黄石市 under a new province, as a province platform sees it. */
async function underProvince() {
  const prisma = db();
  const province = await createRegion(prisma, { code: "420000", name: "湖北省", level: "PROVINCE" });
  await prisma.region.update({ where: { id: w.city.id }, data: { parentId: province.id } });
  await prisma.$executeRaw`UPDATE "Region" SET path = ${province.path} || substr(path, 2) WHERE path LIKE ${`/${w.city.id}/%`}`;
  return province;
}

describe("province figures", () => {
  it("answers a province per city, from the province view's figures (kept, not counted per call)", async () => {
    const province = await underProvince();
    const tokenProvince = (await token("湖北省平台", province.id)).token;
    const cityLeader = (await actAs(w.cityLeader))!;
    const cityPage = (await loadCityDashboard(cityLeader, w.city.id, parseDashboardFilters({})))!;
    const answer = await call(regionDashboardRoute, `/api/v1/dashboards/regions/${province.id}`, tokenProvince, { regionId: province.id });
    expect(answer.status).toBe(200);
    expect(answer.body.region).toEqual({ id: province.id, name: "湖北省", level: "PROVINCE" });
    expect(answer.body.districts).toBeNull();
    expect(answer.body.cities).toHaveLength(1);
    const [city] = answer.body.cities;
    expect(city).toMatchObject({ id: w.city.id, name: "黄石市", districtCount: cityPage.districts.length });
    const measures = cityPage.districts.reduce((n, d) => n + (d.measures?.measures ?? 0), 0);
    expect(measures).toBe(6);
    expect(city.measures.measures).toBe(measures);
    expect(typeof answer.body.asOf).toBe("string");
    // Kept: a second call within the view's lifetime reads the same count.
    const again = await call(regionDashboardRoute, `/api/v1/dashboards/regions/${province.id}`, tokenProvince, { regionId: province.id });
    expect(again.body.asOf).toBe(answer.body.asOf);
    // A city stays per district, and says so.
    const cityAnswer = await call(regionDashboardRoute, `/api/v1/dashboards/regions/${w.city.id}`, tokenProvince, { regionId: w.city.id });
    expect(cityAnswer.body.cities).toBeNull();
    expect(cityAnswer.body.districts).toHaveLength(cityPage.districts.length);
    // The province is outside a city's token.
    const outside = await call(regionDashboardRoute, `/api/v1/dashboards/regions/${province.id}`, tokenCity, { regionId: province.id });
    expect(outside.status).toBe(404);
  });

  it("lists a province token's rows across its districts, and a district token's only its own", async () => {
    const province = await underProvince();
    const tokenProvince = (await token("湖北省平台", province.id)).token;
    const all = await call(assignmentsRoute, `/api/v1/assignments?limit=${MAX_PAGE_SIZE}`, tokenProvince);
    expect(all.body.items).toHaveLength(11);
    const plans = await call(plansRoute, "/api/v1/plans", tokenProvince);
    expect(plans.body.items.map((p: { id: number }) => p.id).sort()).toEqual([planA.id, planB.id].sort());
    const own = await call(assignmentsRoute, `/api/v1/assignments?limit=${MAX_PAGE_SIZE}`, tokenA);
    expect(own.body.items).toHaveLength(10);
    expect(own.body.items.every((a: { planId: number }) => a.planId === planA.id)).toBe(true);
  });
});

describe("the OpenAPI document", () => {
  async function document() {
    const response = await openApiRoute();
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, any>;
  }

  it("is a valid OpenAPI 3.1 document with the bearer scheme, the parameters and the error answers", async () => {
    const doc = await document();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does refuse a broken document: an operation without its answers.
    const broken = structuredClone(doc);
    delete broken.paths["/api/v1/plans"].get.responses;
    broken.paths["/api/v1/plans"].get.parameters[0].in = "body";
    expect((await new Validator().validate(broken)).valid).toBe(false);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerToken).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
    expect(doc.security).toEqual([{ bearerToken: [] }]);
    const list = doc.paths["/api/v1/assignments"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(["limit", "cursor", "planId", "unitId"]);
    expect(list.parameters[0].schema).toMatchObject({ type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 });
    // nextCursor is what the cursor parameter takes back: an integer, null on the last page.
    expect(list.parameters[1].schema).toMatchObject({ type: "integer" });
    const nextCursor = doc.components.schemas.AssignmentPage.properties.nextCursor;
    expect(JSON.stringify(nextCursor)).not.toContain('"string"');
    expect(JSON.stringify(nextCursor)).toContain('"integer"');
    expect(JSON.stringify(nextCursor)).toContain('"null"');
    expect(Object.keys(list.responses).sort()).toEqual(["200", "400", "401", "404", "500"]);
    expect(doc.paths["/api/v1/plans/{planId}/progress"].get.parameters.find((p: { name: string }) => p.name === "period").required).toBe(
      true,
    );
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/assignments",
      "/api/v1/dashboards/districts/{districtId}",
      "/api/v1/dashboards/regions/{regionId}",
      "/api/v1/measures/{measureId}",
      "/api/v1/plans",
      "/api/v1/plans/{planId}",
      "/api/v1/plans/{planId}/measures",
      "/api/v1/plans/{planId}/progress",
    ]);
  });

  it("describes the real answers: each validates against its path's response schema", async () => {
    const doc = await document();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validator = (path: string, status: string) => {
      const schema = doc.paths[path].get.responses[status].content["application/json"].schema;
      return ajv.compile({ ...schema, components: doc.components });
    };
    const [first] = measuresA as [{ id: number }];
    const checks: [string, string, unknown, string, Record<string, string | number>][] = [
      ["/api/v1/plans", "200", plansRoute, "/api/v1/plans?limit=1", {}],
      ["/api/v1/plans/{planId}", "200", planRoute, `/api/v1/plans/${planA.id}`, { planId: planA.id }],
      ["/api/v1/plans/{planId}/measures", "200", measuresRoute, `/api/v1/plans/${planA.id}/measures?limit=2`, { planId: planA.id }],
      ["/api/v1/measures/{measureId}", "200", measureRoute, `/api/v1/measures/${first.id}`, { measureId: first.id }],
      ["/api/v1/assignments", "200", assignmentsRoute, `/api/v1/assignments?planId=${planA.id}`, {}],
      ["/api/v1/plans/{planId}/progress", "200", progressRoute, `/api/v1/plans/${planA.id}/progress?period=2024-Q4`, { planId: planA.id }],
      [
        "/api/v1/dashboards/districts/{districtId}",
        "200",
        districtDashboardRoute,
        `/api/v1/dashboards/districts/${w.a.region.id}`,
        { districtId: w.a.region.id },
      ],
      [
        "/api/v1/dashboards/regions/{regionId}",
        "200",
        regionDashboardRoute,
        `/api/v1/dashboards/regions/${w.city.id}`,
        { regionId: w.city.id },
      ],
      ["/api/v1/dashboards/regions/{regionId}", "200", regionDashboardRoute, `/api/v1/dashboards/regions/{province}`, {}],
      ["/api/v1/assignments", "400", assignmentsRoute, "/api/v1/assignments?limit=0", {}],
      ["/api/v1/plans/{planId}", "404", planRoute, `/api/v1/plans/${planB.id}`, { planId: planB.id }],
    ];
    const province = await underProvince();
    const tokenProvince = (await token("湖北省平台", province.id)).token;
    for (const [path, status, handler, rawUrl, rawParams] of checks) {
      const isProvince = rawUrl.includes("{province}");
      const url = rawUrl.replace("{province}", String(province.id));
      const params = isProvince ? { regionId: province.id } : rawParams;
      const caller = isProvince ? tokenProvince : path === "/api/v1/dashboards/regions/{regionId}" ? tokenCity : tokenA;
      const response = await call(handler, url, caller, params);
      expect(String(response.status), url).toBe(status);
      const validate = validator(path, status);
      expect(validate(response.body), `${url}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const unauthorized = await call(plansRoute, "/api/v1/plans", null);
    const validate401 = validator("/api/v1/plans", "401");
    expect(validate401(unauthorized.body)).toBe(true);
    // The schemas are strict: an answer with a field the document lacks would fail.
    const validatePlan = validator("/api/v1/plans/{planId}", "200");
    const plan = await call(planRoute, `/api/v1/plans/${planA.id}`, tokenA, { planId: planA.id });
    expect(validatePlan({ ...plan.body, secret: "x" })).toBe(false);
  });
});
