// `npm run bench:reports`: the annual report draft, the mid-term evaluation
// snapshot and the public region page at province scale.
//
// Uses the synthetic province of `npm run bench:dashboards` (built once in
// .data/bench by scripts/bench-support.ts; BENCH_REBUILD=1 starts afresh, with
// DATABASE_URL that server is used and must be scratch) and times, on a sample
// of its districts, the very functions the app calls:
//   - loadDraftData: what an annual report draft is built from, for a district
//     and last year (as "生成草稿" reads it);
//   - computePlanSnapshot: a mid-term evaluation snapshot of the district's
//     largest plan, at the day mid-way through the plan's period, in a
//     REPEATABLE READ transaction as the evaluation action reads it (nothing is
//     written: no Evaluation rows);
//   - getPublicRegion: the district's public page, uncached (lib/public/cache.ts
//     keeps it five minutes), and separately its planProgress.
// It prints a table, the plan sizes used and the line
//   draft_p95_ms=… snapshot_p95_ms=… public_p95_ms=…
// BENCH_RUNS (default 20) and BENCH_DISTRICTS (default 100) tune it.
import pg from "pg";
import { db } from "@/lib/db/client.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { loadDraftData, type DraftScope } from "@/lib/annual-reports/queries.ts";
import { computePlanSnapshot } from "@/lib/evaluations/load.ts";
import { planStartDate, type SnapshotPlan } from "@/lib/evaluations/snapshot.ts";
import { getPublicRegion, planProgress } from "@/lib/public/queries.ts";
import { addDays, toDayNumber } from "@/lib/reporting/periods.ts";
import { benchDistricts, ms, openBenchDatabase, prepareAndDescribe, stats, table, type Stats } from "@/scripts/bench-support.ts";

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 20));
const DISTRICTS = Math.max(2, Number(process.env.BENCH_DISTRICTS ?? 100));

type BenchPlan = SnapshotPlan & { id: number; districtId: number; title: string; measures: number; assignments: number; date: string };

/** The day mid-way through the plan's period (its start to 31 December of its last year), never after today. */
function midway(plan: SnapshotPlan & { periodEnd: number | null }, today: string): string {
  const start = planStartDate(plan) ?? today;
  const end = plan.periodEnd ? `${plan.periodEnd}-12-31` : today;
  const mid = addDays(start, Math.floor((toDayNumber(end) - toDayNumber(start)) / 2));
  return mid < today ? mid : today;
}

/** Each district's largest plan not in draft (by measures, then assignments), with its size. */
async function largestPlans(client: pg.Client, districtIds: number[], today: string): Promise<Map<number, BenchPlan>> {
  const { rows } = await client.query<{
    id: number;
    districtId: number;
    title: string;
    issueDate: string | null;
    periodStart: number | null;
    periodEnd: number | null;
    reportCadence: SnapshotPlan["reportCadence"];
    reportDueDay: number;
    measures: number;
    assignments: number;
  }>(
    `SELECT DISTINCT ON (p."districtId") p.id, p."districtId", p.title, p."issueDate"::text AS "issueDate", p."periodStart", p."periodEnd",
       p."reportCadence"::text AS "reportCadence", p."reportDueDay",
       (SELECT count(*)::int FROM "Measure" m WHERE m."planId" = p.id) AS measures,
       (SELECT count(*)::int FROM "Assignment" a JOIN "Measure" m ON m.id = a."measureId" WHERE m."planId" = p.id) AS assignments
     FROM "Plan" p
     WHERE p."districtId" = ANY($1::int[]) AND p.status <> 'DRAFT'
     ORDER BY p."districtId", measures DESC, assignments DESC, p.id`,
    [districtIds],
  );
  return new Map(
    rows.map((r) => {
      const plan = { issueDate: r.issueDate, periodStart: r.periodStart, reportCadence: r.reportCadence, reportDueDay: r.reportDueDay };
      return [
        r.districtId,
        {
          ...plan,
          id: r.id,
          districtId: r.districtId,
          title: r.title,
          measures: r.measures,
          assignments: r.assignments,
          date: midway({ ...plan, periodEnd: r.periodEnd }, today),
        },
      ];
    }),
  );
}

async function main() {
  const { url, today, embedded } = await openBenchDatabase(DISTRICTS);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await prepareAndDescribe(client, today);
    const districts = await benchDistricts(client);
    const pickDistrict = (i: number) => districts[(i * 37) % districts.length]!;
    const sample = [...new Set(Array.from({ length: RUNS }, (_, i) => pickDistrict(i).id))];
    const plans = await largestPlans(client, sample, today);
    const year = Number(today.slice(0, 4)) - 1;
    const draftScope = (districtId: number): DraftScope => ({
      districtId,
      regionId: districtId,
      regionIsDistrict: true,
      unitId: null,
      year,
    });
    const snapshot = (plan: BenchPlan) =>
      db().$transaction((tx) => computePlanSnapshot(tx, plan, plan.date), {
        timeout: 60_000,
        isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
      });

    // Something to measure, before timing anything.
    for (const i of [0, 1, 2]) {
      const d = pickDistrict(i);
      const plan = plans.get(d.id);
      if (!plan) throw new Error(`district ${d.id} has no plan`);
      const draft = await loadDraftData(db(), draftScope(d.id), today);
      if (draft.figures.measures === 0) throw new Error(`district ${d.id}: the ${year} draft counts no measures`);
      const items = await snapshot(plan);
      if (items.length !== plan.measures)
        throw new Error(`plan ${plan.id}: the snapshot has ${items.length} measures, the plan ${plan.measures}`);
      const page = await getPublicRegion(d.id, today);
      if (!page || page.plans.length === 0) throw new Error(`district ${d.id}: the public page shows no plan in force`);
    }
    console.log(`checks: drafts count measures, snapshots cover every measure, public pages show plans (3 districts)\n`);

    const cases: { name: string; fn: (i: number) => Promise<unknown> }[] = [
      { name: `annual report draft (${year})`, fn: (i) => loadDraftData(db(), draftScope(pickDistrict(i).id), today) },
      { name: "mid-term snapshot (largest plan)", fn: (i) => snapshot(plans.get(pickDistrict(i).id)!) },
      { name: "public region page (uncached)", fn: (i) => getPublicRegion(pickDistrict(i).id, today) },
      { name: "  of which planProgress", fn: (i) => planProgress(pickDistrict(i).id, pickDistrict(i).id, today) },
    ];
    const results: Record<string, Stats> = {};
    for (const c of cases) {
      for (let i = 0; i < 3; i++) await c.fn(i);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await c.fn(i);
        times.push(performance.now() - t);
      }
      results[c.name] = stats(times);
    }
    console.log(
      table(
        ["data behind", "runs", "median ms", "p95 ms", "max ms"],
        Object.entries(results).map(([name, r]) => [name, String(RUNS), ms(r.median), ms(r.p95), ms(r.max)]),
      ),
    );

    const used = sample.map((id) => plans.get(id)!);
    const range = (values: number[]) =>
      Math.min(...values) === Math.max(...values) ? String(values[0]) : `${Math.min(...values)}–${Math.max(...values)}`;
    const dates = used.map((p) => p.date).sort();
    console.log(
      `\n${sample.length} districts; snapshot plans: ${range(used.map((p) => p.measures))} measures, ${range(used.map((p) => p.assignments))} assignments, dated ${dates[0]}–${dates.at(-1)}`,
    );
    console.log(
      `draft_p95_ms=${ms(results[cases[0]!.name]!.p95)} snapshot_p95_ms=${ms(results[cases[1]!.name]!.p95)} public_p95_ms=${ms(results[cases[2]!.name]!.p95)}`,
    );
  } finally {
    await client.end();
    await db().$disconnect();
    await embedded?.stop();
  }
}

await main();
