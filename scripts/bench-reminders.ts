// `npm run bench:reminders`: the reminder job at province scale.
//
// Uses the synthetic province of bench:dashboards (scripts/bench-support.ts
// builds it once in .data/bench), removes the digests an earlier bench run
// left, then times the reminder job's first run on it, counts the
// notifications it wrote, and times a second run the same day (which must add
// none). Prints the bound the notifications must stay under, then last
//   first_run_s=… notifications=… rerun_s=…
// Target: first run under 60 s; at most one notification per liaison, period
// and kind (notifications ≤ liaisons × kinds × owed periods), plus one
// arrivals digest per bureau user and day. BENCH_DISTRICTS (default 100).
import pg from "pg";
import { db } from "@/lib/db/client.ts";
import { runReminderJob } from "@/lib/notifications/reminder-job.ts";
import { openBenchDatabase, prepareAndDescribe } from "@/scripts/bench-support.ts";

const DISTRICTS = Math.max(2, Number(process.env.BENCH_DISTRICTS ?? 100));
const mailer = { configured: false, send: async () => {} };

async function main() {
  const { url, today, embedded } = await openBenchDatabase(DISTRICTS);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const removed = await client.query(`DELETE FROM "Notification" WHERE "digest" IS NOT NULL`);
    if (removed.rowCount) console.log(`[bench] removed ${removed.rowCount} digests of an earlier run`);
    await prepareAndDescribe(client, today);

    let t = performance.now();
    const first = await runReminderJob(today, { db: db(), mailer });
    const firstS = (performance.now() - t) / 1000;
    t = performance.now();
    const second = await runReminderJob(today, { db: db(), mailer });
    const rerunS = (performance.now() - t) / 1000;

    const facts = (
      await client.query(`
        WITH d AS (
          SELECT n."userId", split_part(n."digest", ':', 1) AS kind,
            CASE split_part(n."digest", ':', 1) WHEN 'REPORT_LATE' THEN split_part(n."digest", ':', 4) ELSE split_part(n."digest", ':', 3) END AS period
          FROM "Notification" n WHERE n."digest" IS NOT NULL
        )
        SELECT
          (SELECT count(*) FROM "User" WHERE "role" = 'LIAISON' AND "active")::int AS liaisons,
          (SELECT count(*) FROM "User" WHERE "role" = 'BUREAU' AND "active")::int AS bureau,
          (SELECT count(DISTINCT period) FROM d WHERE kind <> 'ARRIVALS')::int AS periods,
          (SELECT count(DISTINCT period) FROM d WHERE kind = 'REPORT_LATE')::int AS report_periods,
          (SELECT count(DISTINCT period) FROM d WHERE kind IN ('DUE_SOON', 'OVERDUE'))::int AS deadline_months,
          (SELECT count(*) FROM d WHERE kind <> 'ARRIVALS')::int AS unit_digests,
          (SELECT count(*) FROM d WHERE kind = 'ARRIVALS')::int AS arrivals,
          (SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM d GROUP BY "userId", kind, period) x)::int AS max_per_key,
          (SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM d WHERE kind <> 'ARRIVALS' GROUP BY "userId") x)::int AS max_per_liaison`)
    ).rows[0];
    const kinds = 3;
    const bound = facts.liaisons * kinds * facts.periods + facts.bureau * 2;
    console.log(`first run: ${JSON.stringify(first)}`);
    console.log(`second run: ${JSON.stringify(second)}`);
    console.log(
      `unit digests ${facts.unit_digests} (at most ${facts.max_per_key} per liaison, period and kind; at most ${facts.max_per_liaison} per liaison), arrivals digests ${facts.arrivals}`,
    );
    console.log(
      `bound: liaisons=${facts.liaisons} × kinds=${kinds} × owed_periods=${facts.periods} (${facts.report_periods} report period(s), ${facts.deadline_months} deadline month(s)) + bureau=${facts.bureau} × 2 days = ${bound}; notifications ${first.notifications <= bound ? "≤" : ">"} bound; target first_run_s < 60, rerun adds ${second.notifications}`,
    );
    console.log(`first_run_s=${firstS.toFixed(1)} notifications=${first.notifications} rerun_s=${rerunS.toFixed(1)}`);
  } finally {
    await client.end();
    await db().$disconnect();
    await embedded?.stop();
  }
}

await main();
