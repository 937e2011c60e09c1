// `npm run bench:dashboards`: the dashboards at province scale.
//
// Builds (once) a synthetic province of 100 districts with lib/demo/synth — about
// 30,000 measures, 1,000,000 assignments and millions of progress reports — in
// an embedded PostgreSQL under .data/bench (kept between runs; BENCH_REBUILD=1
// starts afresh; with DATABASE_URL that server is used and must be scratch).
// Then it times the data behind each dashboard through the very functions the
// pages call (loadDistrictDashboard, loadCityDashboard, loadUnitDashboard) against a
// hand-written SQL query that computes the same figures in one statement (the
// floor), checks both give the same figures, and prints a table and the line
//   district_p95_ms=… city_p95_ms=… ratio_to_sql=…
// (ratio_to_sql: the worse of district and city, p95 of the function over p95
// of its SQL). BENCH_RUNS (default 40) and BENCH_DISTRICTS (default 100) tune it.
//
// The province leader's page is timed over HTTP, as the leader waits for it
// (scripts/bench-http.ts): the production build served by `next start` over
// the bench database, signed in as PROVINCE_LEADER_LOGIN, the page fetched
// BENCH_RUNS times after one first visit (province_first_ms: right after the
// server starts). The unfiltered view is read from the DashboardSnapshot row
// that the dashboard-snapshots job writes (here written once before, as
// `npm start` does at start); the cost of that count is the "province view,
// counted afresh" row. A filtered view is counted when first opened
// (province_filtered_first_ms, ?light=RED) and kept in the server's memory.
// The line gains province_p95_ms=… province_html_kb=… province_first_ms=…
// province_filtered_first_ms=….
// BENCH_PAGE=0 leaves the HTTP part out. The read API's first page of
// assignments for the first and the last district adds
// api_first_p95_ms=… api_last_p95_ms=… (the last must not be slower).
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { todayInChina } from "@/lib/dates.ts";
import { db } from "@/lib/db/client.ts";
import {
  loadCityDashboard,
  loadDistrictDashboard,
  loadProvinceDashboard,
  loadUnitDashboard,
  writeProvinceSnapshots,
} from "@/lib/dashboards/queries.ts";
import { PROVINCE_CODE, PROVINCE_LEADER_LOGIN, SYNTH_PASSWORD } from "@/lib/demo/synth/province.ts";
import { ensureProductionBuild, signIn, startNextServer, timePage } from "@/scripts/bench-http.ts";
import { latestDuePeriod, REPORT_CADENCES } from "@/lib/reporting/periods.ts";
import { DUE_SOON_DAYS } from "@/lib/reporting/lights.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { freePort } from "@/lib/db/embedded.ts";
import { listAssignments } from "@/lib/api/queries.ts";
import { benchDistricts, DATA_DIR, ms, openBenchDatabase, prepareAndDescribe, stats, table } from "@/scripts/bench-support.ts";

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 40));
const DISTRICTS = Math.max(2, Number(process.env.BENCH_DISTRICTS ?? 100));

// ---------------------------------------------------------------------------
// The floor: the same figures in one plain statement, written by hand. It
// returns totals per district, per-unit counters and per-chapter counts; the
// lists (overdue, due soon) and the monthly series ride along as in the page.

function floorSql(withUnits: boolean) {
  return `
WITH per AS (
  SELECT * FROM unnest($2::text[], $3::int[], $4::date[], $5::date[], $6::date[])
    AS t(cadence, due_day, j_start, j_end, j_due)
),
a AS (
  -- Written by hand, independent of lib/dates-sql.ts on purpose: this floor is what the app's SQL is measured against.
  SELECT m.id AS measure_id, m."districtId" AS district_id, m."planId" AS plan_id, m."sectionId" AS section_id,
    m.deadline, m.ongoing, a."unitId" AS unit_id, a.role = 'LEAD' AS is_lead, a.status = 'COMPLETED' AS done,
    (a."completedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date AS done_on,
    a."lastReportAt" IS NOT NULL AS reported, r.state AS cur, per.j_due,
    per.j_end >= GREATEST(p."issueDate", (a."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date) AS owes,
    (SELECT count(*) FROM "ProgressReport" x WHERE x."assignmentId" = a.id AND x.state = 'RETURNED') AS returned
  FROM "Plan" p
  JOIN per ON per.cadence = p."reportCadence"::text AND per.due_day = p."reportDueDay"
  JOIN "Measure" m ON m."planId" = p.id
  LEFT JOIN "Assignment" a ON a."measureId" = m.id
  LEFT JOIN "ProgressReport" r ON r."assignmentId" = a.id AND r."periodStart" = per.j_start AND r."periodEnd" = per.j_end
  WHERE p."districtId" = ANY($1::int[]) AND p.status <> 'CLOSED'
),
m AS (
  SELECT measure_id, district_id, plan_id, section_id, deadline, ongoing,
    bool_or(is_lead) AND bool_and(done OR NOT is_lead) AS completed,
    max(done_on) FILTER (WHERE is_lead) AS completed_on,
    bool_or(reported) AS started,
    max(CASE
      WHEN unit_id IS NULL THEN NULL
      WHEN done THEN 1
      WHEN NOT ongoing AND deadline < $7::date THEN 3
      WHEN cur = 'RETURNED' THEN 2
      WHEN owes AND (cur IS NULL OR cur = 'DRAFT') AND $7::date > j_due THEN 2
      WHEN NOT ongoing AND deadline - $7::date <= ${DUE_SOON_DAYS} THEN 2
      WHEN NOT reported AND (cur IS NULL OR cur = 'DRAFT') THEN 0
      ELSE 1 END) AS worst
  FROM a GROUP BY measure_id, district_id, plan_id, section_id, deadline, ongoing
)
SELECT
  (SELECT json_agg(t) FROM (
    SELECT district_id, count(*) AS measures,
      count(*) FILTER (WHERE completed) AS completed,
      count(*) FILTER (WHERE NOT completed AND NOT ongoing AND deadline < $7::date) AS overdue,
      count(*) FILTER (WHERE completed OR worst = 1) AS green,
      count(*) FILTER (WHERE NOT completed AND worst = 3) AS red,
      count(*) FILTER (WHERE NOT completed AND worst = 0) AS grey
    FROM m GROUP BY district_id) t) AS districts,
  ${
    withUnits
      ? `(SELECT json_agg(t) FROM (
    SELECT a.unit_id, count(*) AS assigned, count(*) FILTER (WHERE a.done OR m.completed) AS completed, sum(a.returned) AS returned
    FROM a JOIN m USING (measure_id) WHERE a.unit_id IS NOT NULL GROUP BY a.unit_id) t) AS units,
  (SELECT json_agg(t) FROM (SELECT section_id, count(*), count(*) FILTER (WHERE completed) FROM m GROUP BY section_id) t) AS sections,
  (SELECT json_agg(t) FROM (SELECT measure_id, deadline FROM m WHERE NOT completed AND NOT ongoing AND deadline < $7::date ORDER BY deadline LIMIT 100) t) AS overdue,
  (SELECT json_agg(t) FROM (SELECT date_trunc('month', completed_on), count(*) FROM m WHERE completed GROUP BY 1) t) AS monthly`
      : `(SELECT json_agg(t) FROM (SELECT district_id, section_id, count(*), count(*) FILTER (WHERE completed) FROM m GROUP BY 1, 2) t) AS sections`
  }`;
}

/** The period judged on `today` for every cadence × due day a plan can have (4 × 31 rows). */
function periodTable(today: string) {
  return REPORT_CADENCES.flatMap((cadence) =>
    Array.from({ length: 31 }, (_, i) => ({ cadence, dueDay: i + 1, judged: latestDuePeriod(today, cadence, i + 1) })),
  );
}

async function floor(client: pg.Client, districtIds: number[], today: string, withUnits: boolean) {
  const periods = periodTable(today);
  const { rows } = await client.query(floorSql(withUnits), [
    districtIds,
    periods.map((p) => p.cadence),
    periods.map((p) => p.dueDay),
    periods.map((p) => p.judged.start),
    periods.map((p) => p.judged.end),
    periods.map((p) => p.judged.dueDate),
    today,
  ]);
  return rows[0] as {
    districts: { district_id: number; measures: number; completed: number; overdue: number; green: number; red: number; grey: number }[];
    units?: { unit_id: number; assigned: number; completed: number; returned: number }[];
  };
}

// ---------------------------------------------------------------------------

async function main() {
  const { url, today, embedded } = await openBenchDatabase(DISTRICTS);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await prepareAndDescribe(client, today);
    const districts = await benchDistricts(client);
    const cities = (
      await client.query<{ id: number; path: string; n: number }>(
        `SELECT c.id, c.path, (SELECT count(*)::int FROM "Region" d WHERE d."parentId" = c.id AND d.level = 'DISTRICT') AS n
         FROM "Region" c WHERE c.level = 'CITY' AND c.code LIKE 'S%' ORDER BY c.code`,
      )
    ).rows;
    const scopeOf = async (regionId: number) =>
      (
        await client.query<{ id: number }>(`SELECT id FROM "Region" WHERE path LIKE (SELECT path FROM "Region" WHERE id = $1) || '%'`, [
          regionId,
        ])
      ).rows.map((r) => r.id);
    const leader = async (regionId: number): Promise<Actor> => ({
      id: 0,
      role: "LEADER",
      name: "bench",
      regionId,
      unitId: null,
      scopeRegionIds: await scopeOf(regionId),
    });

    type Case = { name: string; fn: (i: number) => Promise<unknown>; sql: (i: number) => Promise<unknown> };
    const pickDistrict = (i: number) => districts[(i * 37) % districts.length]!;
    const pickCity = (i: number) => cities[i % cities.length]!;
    const districtActors = new Map<number, Actor>();
    for (const d of districts) districtActors.set(d.id, await leader(d.id));
    const cityActors = new Map<number, Actor>();
    const cityDistricts = new Map<number, number[]>();
    for (const c of cities) {
      cityActors.set(c.id, await leader(c.id));
      cityDistricts.set(
        c.id,
        districts.filter((d) => d.parentId === c.id).map((d) => d.id),
      );
    }
    const units = (
      await client.query<{ id: number; districtId: number }>(
        `SELECT u.id, u."districtId" FROM "Unit" u WHERE u.name = '区司法局' AND u."districtId" = ANY($1::int[]) ORDER BY u.id`,
        [districts.map((d) => d.id)],
      )
    ).rows;

    // The same figures both ways, before timing anything.
    for (const i of [0, 1, 2]) {
      const d = pickDistrict(i);
      const data = (await loadDistrictDashboard(districtActors.get(d.id)!, d.id, {}, today))!;
      const hand = await floor(client, [d.id], today, true);
      const h = hand.districts[0]!;
      const same =
        Number(h.measures) === data.totals.measures &&
        Number(h.completed) === data.totals.completed &&
        Number(h.overdue) === data.totals.overdue &&
        Number(h.red) === data.totals.red &&
        Number(h.green) === data.totals.green &&
        Number(h.grey) === data.totals.grey &&
        hand.units!.reduce((s, u) => s + Number(u.assigned), 0) === data.assignmentTotals.assigned &&
        hand.units!.reduce((s, u) => s + Number(u.completed), 0) === data.assignmentTotals.completed &&
        hand.units!.reduce((s, u) => s + Number(u.returned), 0) === data.assignmentTotals.returned;
      if (!same)
        throw new Error(
          `district ${d.id}: the dashboard and the hand-written SQL disagree:\n${JSON.stringify({ hand: h, fn: data.totals })}`,
        );
    }
    console.log("figures: dashboard functions and hand-written SQL agree on 3 districts");

    // The province view: each city's row against the hand-written SQL over all districts, summed per city.
    const province = (await client.query<{ id: number }>(`SELECT id FROM "Region" WHERE code = $1`, [PROVINCE_CODE])).rows[0]!;
    const provinceActor = await leader(province.id);
    const provinceData = (await loadProvinceDashboard(provinceActor, province.id, {}, today, { fresh: true }))!;
    const handAll = await floor(
      client,
      districts.map((d) => d.id),
      today,
      false,
    );
    const keys = ["measures", "completed", "overdue", "red", "green", "grey"] as const;
    for (const city of cities) {
      const own = new Set(cityDistricts.get(city.id));
      const hand = Object.fromEntries(
        keys.map((k) => [k, handAll.districts.filter((d) => own.has(d.district_id)).reduce((sum, d) => sum + Number(d[k]), 0)]),
      );
      const row = provinceData.cities.find((c) => c.id === city.id);
      const fn = Object.fromEntries(keys.map((k) => [k, row?.measures?.[k] ?? 0]));
      if (JSON.stringify(hand) !== JSON.stringify(fn)) {
        throw new Error(`city ${city.id}: the province view and the hand-written SQL disagree:\n${JSON.stringify({ hand, fn })}`);
      }
    }
    if (provinceData.cities.length !== cities.length)
      throw new Error(`province view: ${provinceData.cities.length} cities, expected ${cities.length}`);
    console.log(`figures: the province view and hand-written SQL agree on ${cities.length} cities\n`);

    const cases: Case[] = [
      {
        name: "district dashboard",
        fn: (i) => loadDistrictDashboard(districtActors.get(pickDistrict(i).id)!, pickDistrict(i).id, {}, today),
        sql: (i) => floor(client, [pickDistrict(i).id], today, true),
      },
      {
        name: "city view (cross-district)",
        fn: (i) => loadCityDashboard(cityActors.get(pickCity(i).id)!, pickCity(i).id, {}, today),
        sql: (i) => floor(client, cityDistricts.get(pickCity(i).id)!, today, false),
      },
      {
        name: "department dashboard",
        fn: (i) => {
          const u = units[(i * 13) % units.length]!;
          return loadUnitDashboard(districtActors.get(u.districtId)!, u.id, {}, today);
        },
        sql: (i) => floor(client, [units[(i * 13) % units.length]!.districtId], today, true),
      },
    ];
    const results: Record<string, { fn: ReturnType<typeof stats>; sql: ReturnType<typeof stats> | null }> = {};
    // The province's figures counted afresh (what a server does every PROVINCE_VIEW_TTL_MS) and
    // as a page reads them; their floor is the hand-written SQL over all districts, timed a few times.
    {
      const fresh: number[] = [];
      const served: number[] = [];
      const floorTimes: number[] = [];
      for (let i = 0; i < 5; i++) {
        let t = performance.now();
        await loadProvinceDashboard(provinceActor, province.id, {}, today, { fresh: true });
        fresh.push(performance.now() - t);
        t = performance.now();
        await floor(
          client,
          districts.map((d) => d.id),
          today,
          false,
        );
        floorTimes.push(performance.now() - t);
      }
      // What the dashboard-snapshots job does at start and every PROVINCE_VIEW_TTL_MS.
      await writeProvinceSnapshots(db(), today);
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await loadProvinceDashboard(provinceActor, province.id, {}, today);
        served.push(performance.now() - t);
      }
      results["province view, counted afresh"] = { fn: stats(fresh), sql: stats(floorTimes) };
      results["province view, as served"] = { fn: stats(served), sql: null };
    }
    // The read API's first page of assignments (/api/v1/assignments) for the
    // first and the last district: a district's page must not wait for the
    // districts before it (lib/api/queries.ts narrows by districtId).
    const apiEnds = { first: districts[0]!, last: districts[districts.length - 1]! };
    for (const [end, d] of Object.entries(apiEnds)) {
      const actor = districtActors.get(d.id)!;
      for (let i = 0; i < 3; i++) await listAssignments(actor, { limit: 50 });
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await listAssignments(actor, { limit: 50 });
        times.push(performance.now() - t);
      }
      results[`api: assignments page 1, ${end} district`] = { fn: stats(times), sql: null };
    }
    for (const c of cases) {
      for (let i = 0; i < 3; i++) {
        await c.fn(i);
        await c.sql(i);
      }
      const fnTimes: number[] = [];
      const sqlTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        await c.fn(i);
        fnTimes.push(performance.now() - t);
        t = performance.now();
        await c.sql(i);
        sqlTimes.push(performance.now() - t);
      }
      results[c.name] = { fn: stats(fnTimes), sql: stats(sqlTimes) };
    }
    console.log(
      table(
        ["data behind", "runs", "median ms", "p95 ms", "max ms", "SQL median", "SQL p95", "p95 ratio"],
        Object.entries(results).map(([name, r]) => [
          name,
          String(name.endsWith("afresh") ? 5 : RUNS),
          ms(r.fn.median),
          ms(r.fn.p95),
          ms(r.fn.max),
          r.sql ? ms(r.sql.median) : "—",
          r.sql ? ms(r.sql.p95) : "—",
          r.sql ? (r.fn.p95 / r.sql.p95).toFixed(2) : "—",
        ]),
      ),
    );
    const district = results["district dashboard"]!;
    const city = results["city view (cross-district)"]!;
    const ratio = Math.max(district.fn.p95 / district.sql!.p95, city.fn.p95 / city.sql!.p95);
    console.log(
      `\ncities of ${Math.min(...cities.map((c) => c.n))}–${Math.max(...cities.map((c) => c.n))} districts; targets: district < 150 ms, city < 500 ms at p95, each within 2× of its SQL`,
    );
    let page = "";
    if (process.env.BENCH_PAGE !== "0") {
      // Our own pool and the embedded server's connections are free for the page server's.
      // The page server dates by the clock, not by the day the bench province was built for.
      if (todayInChina() !== today) await writeProvinceSnapshots(db(), todayInChina());
      ensureProductionBuild((line) => console.log(`[bench] ${line}`));
      const server = await startNextServer({
        name: "page",
        port: await freePort(),
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString("base64url") },
        logFile: path.join(DATA_DIR, "page-server.log"),
      });
      try {
        const cookie = (await signIn(server.url, PROVINCE_LEADER_LOGIN, SYNTH_PASSWORD)).header();
        const pagePath = `/dashboard/city/${province.id}`;
        const first = await timePage(server.url, pagePath, cookie, 1);
        const timing = await timePage(server.url, pagePath, cookie, RUNS);
        const filteredFirst = await timePage(server.url, `${pagePath}?light=RED`, cookie, 1);
        const s = stats(timing.times);
        console.log(
          `\nprovince leader's page over HTTP (next start, ${RUNS} GETs after a first visit of ${ms(first.times[0]!)} ms): ` +
            `median ${ms(s.median)} ms, p95 ${ms(s.p95)} ms, max ${ms(s.max)} ms, ${timing.bytes} bytes of HTML; targets: p95 < 300 ms, < 200 KB; ` +
            `a filtered view (?light=RED) first opened in ${ms(filteredFirst.times[0]!)} ms (counted then, not in advance)`,
        );
        page =
          ` province_p95_ms=${ms(s.p95)} province_html_kb=${(timing.bytes / 1024).toFixed(1)} province_first_ms=${ms(first.times[0]!)}` +
          ` province_filtered_first_ms=${ms(filteredFirst.times[0]!)}`;
      } finally {
        await server.stop();
      }
    }
    const api = ` api_first_p95_ms=${ms(results["api: assignments page 1, first district"]!.fn.p95)} api_last_p95_ms=${ms(results["api: assignments page 1, last district"]!.fn.p95)}`;
    console.log(`district_p95_ms=${ms(district.fn.p95)} city_p95_ms=${ms(city.fn.p95)} ratio_to_sql=${ratio.toFixed(2)}${api}${page}`);
  } finally {
    await client.end();
    await db().$disconnect();
    await embedded?.stop();
  }
}

await main();
