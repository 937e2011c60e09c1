// `npm run bench:load`: 200 liaisons submitting at once, across two app servers.
//
// Starts the production build twice (two `next start` on free ports of
// 127.0.0.1) over one database: the synthetic province of bench:dashboards in
// the embedded PostgreSQL under .data/bench (scripts/bench-support.ts), or
// DATABASE_URL. Picks BENCH_USERS (default 200) liaisons across the districts,
// each with one assignment that owes this period's report and has none, signs
// them in (half on each server), then has all of them at once open their
// measure page and submit the report with a small PDF through the server
// action's POST, exactly as the browser sends it (scripts/bench-http.ts).
// Then it checks the tables: each assignment has its one report for the
// period (lost = none, duplicated = more), each report its audit event, and
// each evidence file downloads byte-identical through BOTH servers. Last line:
//   users=200 submitted=… lost=0 duplicated=0 audit_missing=0 unreadable=0 p50_ms=… p95_ms=… rps=…
// and a non-zero exit when anything is lost, duplicated, unaudited or unreadable.
//
// p50/p95 are of the action's POST alone (upload, action, transaction, answer
// read); the page GETs are in the table, with ten taken one at a time before
// the concurrent phase to show what of their time is queueing. rps counts every
// request of the concurrent phase (page GETs and POSTs) over its wall time.
//
// Rerunnable: each run picks assignments that have no report yet, so a second
// run submits 200 fresh ones (the province keeps the reports, as a live one would).
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { freePort } from "@/lib/db/embedded.ts";
import { todayInChina } from "@/lib/dates.ts";
import { reportingPeriod, type Period, type ReportCadence } from "@/lib/reporting/periods.ts";
import { SYNTH_PASSWORD } from "@/lib/demo/synth/province.ts";
import { DATA_DIR, openBenchDatabase, stats as statsOf, table, ms } from "@/scripts/bench-support.ts";
import {
  callServerAction,
  ensureProductionBuild,
  routerStateTree,
  serverActionId,
  signIn,
  startNextServer,
  type CookieJar,
  type NextServer,
} from "@/scripts/bench-http.ts";

const USERS = Math.max(1, Number(process.env.BENCH_USERS ?? 200));
const DISTRICTS = Math.max(1, Number(process.env.BENCH_DISTRICTS ?? 100));
// Sign-in is bcrypt-bound and not what this bench measures: a small pool.
const SIGN_IN_POOL = 8;
const DOWNLOAD_POOL = 16;

const log = (line: string) => console.log(`[bench] ${line}`);

/**
 * Storage of evidence files for both servers: STORAGE from the environment,
 * else `database`, so the two servers share nothing but PostgreSQL and every
 * evidence file is read back through the server that did not store it. With
 * STORAGE=local both servers share one DATA_DIR folder, so the both-servers
 * download check is then trivially true.
 */
function chooseStorage(): string {
  return process.env.STORAGE || "database";
}

type Target = {
  userId: number;
  login: string;
  districtId: number;
  assignmentId: number;
  measureId: number;
  periodKey: string;
  periodStart: string;
  periodEnd: string;
};

/**
 * This period's (reportingPeriod, "本期") key, start and end for every
 * cadence and due day an in-force plan uses, on the servers' today.
 */
async function periodsInUse(client: pg.Client, today: string): Promise<{ cadence: ReportCadence; dueDay: number; period: Period }[]> {
  const rows = (
    await client.query<{ cadence: ReportCadence; dueDay: number }>(
      `SELECT DISTINCT "reportCadence"::text AS cadence, "reportDueDay" AS "dueDay" FROM "Plan" WHERE status = 'IN_FORCE'`,
    )
  ).rows;
  return rows.map((row) => ({ ...row, period: reportingPeriod(today, row.cadence, row.dueDay) }));
}

/**
 * The liaisons and what each submits. In SQL: every active synthetic liaison's
 * assignments (of its own unit) on in-force plans, not completed, with no
 * report of any state for this period; the lowest assignment id per liaison;
 * then liaisons dealt round-robin over the districts (first of each district,
 * then the second, …), so 200 users spread over the province.
 */
async function pickTargets(client: pg.Client, today: string, count: number): Promise<Target[]> {
  // Statistics, as autovacuum keeps them on a live server: right after the
  // province's bulk load the planner has none and this query takes seconds.
  await client.query(`ANALYZE "User", "Assignment", "Measure", "Plan", "ProgressReport"`);
  const periods = await periodsInUse(client, today);
  if (!periods.length) return [];
  const values = periods.map(
    (_, i) => `($${i * 5 + 1}::text, $${i * 5 + 2}::int, $${i * 5 + 3}::text, $${i * 5 + 4}::date, $${i * 5 + 5}::date)`,
  );
  const params = periods.flatMap((p) => [p.cadence, p.dueDay, p.period.key, p.period.start, p.period.end]);
  const { rows } = await client.query<Target>(
    `WITH period(cadence, due_day, key, start_date, end_date) AS (VALUES ${values.join(", ")}),
     owed AS (
       SELECT u.id AS "userId", u.login, a."districtId", a.id AS "assignmentId", a."measureId",
              p.key AS "periodKey", to_char(p.start_date, 'YYYY-MM-DD') AS "periodStart", to_char(p.end_date, 'YYYY-MM-DD') AS "periodEnd",
              row_number() OVER (PARTITION BY u.id ORDER BY a.id) AS nth
       FROM "User" u
       JOIN "Assignment" a ON a."unitId" = u."unitId"
       JOIN "Measure" m ON m.id = a."measureId"
       JOIN "Plan" pl ON pl.id = m."planId"
       JOIN period p ON p.cadence = pl."reportCadence"::text AND p.due_day = pl."reportDueDay"
       WHERE u.role = 'LIAISON' AND u.active AND u.login LIKE 'syn-d%'
         AND pl.status = 'IN_FORCE' AND a.status <> 'COMPLETED'
         AND NOT EXISTS (SELECT 1 FROM "ProgressReport" r
                         WHERE r."assignmentId" = a.id AND r."periodStart" = p.start_date AND r."periodEnd" = p.end_date)
     ),
     dealt AS (
       SELECT *, row_number() OVER (PARTITION BY "districtId" ORDER BY "userId") AS turn FROM owed WHERE nth = 1
     )
     SELECT "userId", login, "districtId", "assignmentId", "measureId", "periodKey", "periodStart", "periodEnd"
     FROM dealt ORDER BY turn, "districtId" LIMIT $${params.length + 1}`,
    [...params, count],
  );
  return rows;
}

/**
 * A small PDF (about 4 KB) naming the user, with random padding so every
 * file, and so every stored hash, differs.
 */
function evidencePdf(login: string): Uint8Array {
  const text = `BT /F1 12 Tf 72 770 Td (bench-load evidence ${login}) Tj ET`;
  const pdf = [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj",
    `4 0 obj << /Length ${text.length} >> stream`,
    text,
    "endstream endobj",
    `% ${randomBytes(1800).toString("hex")}`,
    "trailer << /Root 1 0 R >>",
    "%%EOF",
    "",
  ].join("\n");
  return new TextEncoder().encode(pdf);
}

/** Median, p95 and max; zeros when nothing was timed (every request failed). */
const stats = (values: number[]) => (values.length ? statsOf(values) : { median: 0, p95: 0, max: 0 });

/** Runs `work` over `items` with at most `size` at a time. */
async function pool<T, R>(items: T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

/**
 * The address a reverse proxy in front of the servers would add for user i: the
 * servers run with TRUST_PROXY=1, as behind nginx, so each simulated liaison
 * signs in from its own address. Nothing is switched off: the per-address and
 * per-account sign-in limits hold as in production, and 200 people signing in
 * do come from many addresses. (From one address, more than 30 sign-ins in
 * flight at once would meet the per-address limit, as they should.)
 */
const forwardedFor = (i: number) => `10.77.${(i >> 8) & 255}.${i & 255}`;

type UserRun = {
  target: Target;
  server: NextServer;
  headers: Record<string, string>;
  jar: CookieJar;
  file: Uint8Array;
  fileName: string;
  pageMs?: number;
  pageStatus?: number;
  formOnPage?: boolean;
  postMs?: number;
  ok?: boolean;
  failure?: string;
};

async function main(): Promise<number> {
  const cleanup: (() => Promise<void>)[] = [];
  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of cleanup.reverse()) await step().catch((error) => console.error(`[bench] cleanup: ${(error as Error).message}`));
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.error(`[bench] ${signal}: stopping the servers and PostgreSQL`);
      void cleanUp().then(() => process.exit(130));
    });
  }

  try {
    ensureProductionBuild(log);
    const bench = await openBenchDatabase(DISTRICTS);
    if (bench.embedded) cleanup.push(() => bench.embedded!.stop());
    const client = new pg.Client({ connectionString: bench.url });
    // On Ctrl-C PostgreSQL gets the signal too and drops the connection; the next query reports a real loss.
    client.on("error", () => {});
    await client.connect();
    cleanup.push(() => client.end());

    // The servers decide periods on the real date (todayInChina), so the bench does too.
    const today = todayInChina();
    let started = performance.now();
    const targets = await pickTargets(client, today, USERS);
    log(
      `picked ${targets.length} liaisons in ${new Set(targets.map((t) => t.districtId)).size} districts (${ms(performance.now() - started)} ms), period(s) ${[...new Set(targets.map((t) => t.periodKey))].join(", ")}, today = ${today}`,
    );
    if (targets.length < USERS)
      throw new Error(`only ${targets.length} liaisons owe a report this period; BENCH_REBUILD=1 for a fresh province`);

    const storage = chooseStorage();
    const [portA, portB] = [await freePort(), await freePort()];
    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: bench.url,
      // One secret for both: a session signed in on A is valid on B, as behind a load balancer.
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      TRUST_PROXY: "1",
      // With the local store both servers share this one folder; with STORAGE=database it holds nothing.
      DATA_DIR: path.join(DATA_DIR, "load-app"),
      STORAGE: storage,
    };
    started = performance.now();
    const servers = await Promise.all(
      [
        { name: "A", port: portA },
        { name: "B", port: portB },
      ].map(async ({ name, port }) => {
        const server = await startNextServer({ name, port, env: serverEnv, logFile: path.join(DATA_DIR, `load-server-${name}.log`) });
        cleanup.push(server.stop);
        return server;
      }),
    );
    log(
      `servers up in ${ms(performance.now() - started)} ms: A ${servers[0]!.url}, B ${servers[1]!.url} (storage: ${storage === "local" ? "local, one shared DATA_DIR" : storage})`,
    );

    const actionId = serverActionId("lib/progress/actions.ts", "submitProgressReport");

    started = performance.now();
    const users: UserRun[] = await pool(targets, SIGN_IN_POOL, async (target, i) => {
      const server = servers[i % 2]!;
      const headers = { "X-Forwarded-For": forwardedFor(i + 1), "User-Agent": "fazhi-bench-load" };
      const jar = await signIn(server.url, target.login, SYNTH_PASSWORD, headers);
      return { target, server, headers, jar, file: evidencePdf(target.login), fileName: `佐证材料-${target.login}.pdf` };
    });
    log(
      `signed in ${users.length} liaisons in ${ms(performance.now() - started)} ms (${users.filter((u) => u.server === servers[0]).length} on A, ${users.filter((u) => u.server === servers[1]).length} on B)`,
    );

    // A server that has been up for a while has its page code loaded and
    // compiled: one untimed page GET per server, so the figures are not those of
    // the first request after a start. (No action is warmed: that would submit.)
    for (const server of servers) {
      const user = users.find((u) => u.server === server);
      if (user)
        await (
          await fetch(`${server.url}/measures/${user.target.measureId}`, { headers: { ...user.headers, Cookie: user.jar.header() } })
        ).text();
    }

    // For comparison with the concurrent figures: a few page GETs one at a time.
    const alone: number[] = [];
    for (const user of users.slice(0, 10)) {
      const t = performance.now();
      await (
        await fetch(`${user.server.url}/measures/${user.target.measureId}`, { headers: { ...user.headers, Cookie: user.jar.header() } })
      ).text();
      alone.push(performance.now() - t);
    }

    // All users at once (no pool): each opens its measure page, then submits.
    started = performance.now();
    await Promise.all(
      users.map(async (user) => {
        const { target } = user;
        const pageUrl = `${user.server.url}/measures/${target.measureId}`;
        const cookie = { ...user.headers, Cookie: user.jar.header() };
        try {
          let t = performance.now();
          const page = await fetch(pageUrl, { headers: { ...cookie, Accept: "text/html" } });
          const html = await page.text();
          user.pageMs = performance.now() - t;
          user.pageStatus = page.status;
          user.formOnPage = html.includes(`name="assignmentId" value="${target.assignmentId}"`);

          // The form's fields in its order; an empty version = a first report.
          const form = new FormData();
          form.append("assignmentId", String(target.assignmentId));
          form.append("periodKey", target.periodKey);
          form.append("version", "");
          form.append("text", `压力测试:${target.login} 报送${target.periodKey}进展,附佐证材料一份。`);
          form.append("percent", "50");
          form.append("claimedStatus", "IN_PROGRESS");
          form.append("evidence", new File([user.file as Uint8Array<ArrayBuffer>], user.fileName, { type: "application/pdf" }));
          t = performance.now();
          const call = await callServerAction({
            pageUrl,
            actionId,
            args: [form],
            routerState: routerStateTree(["(app)", "measures", ["id", String(target.measureId), "d"]]),
            headers: cookie,
          });
          user.postMs = performance.now() - t;
          const result = call.result as { ok?: boolean; code?: string; message?: string } | null;
          user.ok = call.status === 200 && result?.ok === true;
          if (!user.ok) user.failure = `HTTP ${call.status}: ${JSON.stringify(result).slice(0, 200)}`;
        } catch (error) {
          user.ok = false;
          user.failure = (error as Error).message;
        }
      }),
    );
    const wallMs = performance.now() - started;
    const requests = users.filter((u) => u.pageMs !== undefined).length + users.filter((u) => u.postMs !== undefined).length;
    const submitted = users.filter((u) => u.ok).length;
    log(`submitted ${submitted}/${users.length} in ${ms(wallMs)} ms`);
    for (const user of users.filter((u) => !u.ok).slice(0, 5)) console.error(`[bench]   ${user.target.login}: ${user.failure}`);

    // The tables: one report per assignment and period, its audit event, its file.
    const checks = (
      await client.query<{ assignmentId: number; reports: number; reportId: number | null; authorId: number | null; state: string | null }>(
        `SELECT c.a AS "assignmentId", count(r.id)::int AS reports, min(r.id) AS "reportId", min(r."authorId") AS "authorId", min(r.state::text) AS state
         FROM unnest($1::int[], $2::date[], $3::date[]) AS c(a, s, e)
         LEFT JOIN "ProgressReport" r ON r."assignmentId" = c.a AND r."periodStart" = c.s AND r."periodEnd" = c.e
         GROUP BY c.a`,
        [targets.map((t) => t.assignmentId), targets.map((t) => t.periodStart), targets.map((t) => t.periodEnd)],
      )
    ).rows;
    const byAssignment = new Map(checks.map((row) => [row.assignmentId, row]));
    const lost = checks.filter((row) => row.reports === 0).length;
    const duplicated = checks.filter((row) => row.reports > 1).length;
    const reportIds = checks.filter((row) => row.reportId !== null).map((row) => row.reportId!);
    // submitProgressReport records "report.submit" (a first report) in the report's transaction.
    const audited = new Set(
      (
        await client.query<{ entityId: string }>(
          `SELECT DISTINCT e."entityId" FROM "AuditEvent" e JOIN "ProgressReport" r ON e."entityId" = r.id::text AND e."actorId" = r."authorId"
           WHERE e."entityType" = 'ProgressReport' AND e.action = 'report.submit' AND r.id = ANY($1::int[])`,
          [reportIds],
        )
      ).rows.map((row) => Number(row.entityId)),
    );
    const auditMissing = reportIds.filter((id) => !audited.has(id)).length;
    const attachments = new Map(
      (
        await client.query<{ reportId: number; id: number; contentHash: string; size: number }>(
          `SELECT "reportId", id, "contentHash", size FROM "Attachment" WHERE "reportId" = ANY($1::int[])`,
          [reportIds],
        )
      ).rows.map((row) => [row.reportId, row]),
    );

    // Every file through both servers, as the user who sent it.
    started = performance.now();
    const downloads = await pool(users, DOWNLOAD_POOL, async (user) => {
      const report = byAssignment.get(user.target.assignmentId);
      const attachment = report?.reportId ? attachments.get(report.reportId) : undefined;
      const expected = createHash("sha256").update(user.file).digest("hex");
      if (!attachment || attachment.contentHash !== expected) return { readable: [false, false], ms: [] as number[] };
      const results = await Promise.all(
        servers.map(async (server) => {
          const t = performance.now();
          const response = await fetch(`${server.url}/attachments/${attachment.id}`, {
            headers: { ...user.headers, Cookie: user.jar.header() },
          });
          const bytes = new Uint8Array(await response.arrayBuffer());
          return { ok: response.status === 200 && Buffer.from(bytes).equals(Buffer.from(user.file)), ms: performance.now() - t };
        }),
      );
      return { readable: results.map((r) => r.ok), ms: results.map((r) => r.ms) };
    });
    const downloadMs = performance.now() - started;
    const unreadable = downloads.filter((d) => d.readable.some((ok) => !ok)).length;
    const readableOn = (i: number) => downloads.filter((d) => d.readable[i]).length;

    const pages = stats(users.filter((u) => u.pageMs !== undefined).map((u) => u.pageMs!));
    const pagesAlone = stats(alone);
    const posts = stats(users.filter((u) => u.postMs !== undefined).map((u) => u.postMs!));
    const gets = stats(downloads.flatMap((d) => d.ms));
    const perServer = (server: NextServer) => users.filter((u) => u.server === server);
    console.log(
      "\n" +
        table(
          ["", "count", "p50_ms", "p95_ms", "max_ms"],
          [
            ["measure page GET, one at a time", String(alone.length), ms(pagesAlone.median), ms(pagesAlone.p95), ms(pagesAlone.max)],
            [
              "measure page GET",
              String(users.filter((u) => u.pageMs !== undefined).length),
              ms(pages.median),
              ms(pages.p95),
              ms(pages.max),
            ],
            [
              "submit action POST",
              String(users.filter((u) => u.postMs !== undefined).length),
              ms(posts.median),
              ms(posts.p95),
              ms(posts.max),
            ],
            ["evidence download GET", String(downloads.flatMap((d) => d.ms).length), ms(gets.median), ms(gets.p95), ms(gets.max)],
          ],
        ),
    );
    console.log(
      "\n" +
        table(
          ["check", "A", "B", "total"],
          [
            ["liaisons signed in", String(perServer(servers[0]!).length), String(perServer(servers[1]!).length), String(users.length)],
            [
              "page showed the form",
              ...servers.map((s) => String(perServer(s).filter((u) => u.formOnPage).length)),
              String(users.filter((u) => u.formOnPage).length),
            ],
            ["action answered ok", ...servers.map((s) => String(perServer(s).filter((u) => u.ok).length)), String(submitted)],
            ["reports in the table (once)", "", "", String(checks.filter((row) => row.reports === 1).length)],
            [
              "reports SUBMITTED by the user",
              "",
              "",
              String(
                users.filter((u) => {
                  const r = byAssignment.get(u.target.assignmentId);
                  return r?.state === "SUBMITTED" && r.authorId === u.target.userId;
                }).length,
              ),
            ],
            ["audit events report.submit", "", "", String(reportIds.length - auditMissing)],
            ["evidence byte-identical via", String(readableOn(0)), String(readableOn(1)), String(downloads.length - unreadable)],
          ],
        ),
    );
    console.log(
      `\nconcurrent phase: ${requests} requests in ${ms(wallMs)} ms; downloads: ${downloads.length * 2} in ${ms(downloadMs)} ms\n`,
    );

    const rps = requests / (wallMs / 1000);
    console.log(
      `users=${users.length} submitted=${submitted} lost=${lost} duplicated=${duplicated} audit_missing=${auditMissing} unreadable=${unreadable} p50_ms=${Math.round(posts.median)} p95_ms=${Math.round(posts.p95)} rps=${rps.toFixed(1)}`,
    );
    return lost + duplicated + auditMissing + unreadable > 0 ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[bench] ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
