// Shared by the province benches (bench-dashboards, bench-reports): the bench
// database and the timing table.
//
// openBenchDatabase starts an embedded PostgreSQL under .data/bench (kept
// between runs; BENCH_REBUILD=1 starts afresh; with DATABASE_URL that server
// is used and must be scratch), applies the migrations and builds the
// synthetic province with lib/demo/synth up to `districts` districts. It sets
// DATABASE_URL, so db() reads the bench database.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";
import { generateProvince } from "@/lib/demo/synth/province.ts";
import { todayInChina } from "@/lib/dates.ts";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DATA_DIR = path.join(ROOT, ".data", "bench");

export const ms = (value: number) => value.toFixed(1);

export type Stats = { median: number; p95: number; max: number };

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export type BenchDatabase = { url: string; today: string; embedded: EmbeddedDatabase | null };

/** The bench database with at least `districts` synthetic districts, and the day they were built for. */
export async function openBenchDatabase(districts: number): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    if (process.env.BENCH_REBUILD === "1") fs.rmSync(DATA_DIR, { recursive: true, force: true });
    fs.mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
    embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), port: await freePort() });
    const admin = new pg.Client({ connectionString: embedded.adminUrl });
    await admin.connect();
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = 'fazhi_bench'")).rowCount;
    if (!exists) await admin.query("CREATE DATABASE fazhi_bench");
    await admin.end();
    url = embedded.urlFor("fazhi_bench");
    process.env.DATABASE_URL = url;
  }
  const databaseUrl: string = url;
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await applyMigrations(databaseUrl);
    await client.connect();
    const todayFile = path.join(DATA_DIR, "today");
    const today = fs.existsSync(todayFile) ? fs.readFileSync(todayFile, "utf8").trim() : todayInChina();
    const have = Number((await client.query(`SELECT count(*) FROM "Region" WHERE level = 'DISTRICT' AND code LIKE 'S%'`)).rows[0].count);
    await client.end();
    if (have < districts) {
      console.log(`[bench] building the synthetic province: ${districts - have} more district(s), today = ${today} …`);
      const started = performance.now();
      await generateProvince(databaseUrl, {
        districts: districts - have,
        today,
        onProgress: (p) => {
          if (p.done % 10 === 0 || p.done === p.total)
            console.log(`[bench]   ${p.done}/${p.total} districts, ${(p.elapsedMs / 1000).toFixed(0)} s`);
        },
      });
      fs.writeFileSync(todayFile, today);
      console.log(`[bench] built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    return { url: databaseUrl, today, embedded };
  } catch (error) {
    await client.end().catch(() => {});
    await embedded?.stop();
    throw error;
  }
}

/**
 * As autovacuum would have by now on a live server: statistics, and the
 * visibility map that lets index-only scans skip the heap. Then prints the
 * province's size.
 */
export async function prepareAndDescribe(client: pg.Client, today: string): Promise<void> {
  await client.query("VACUUM ANALYZE");
  const counts = (
    await client.query(`SELECT
      (SELECT count(*) FROM "Region" WHERE level = 'DISTRICT') AS districts,
      (SELECT count(*) FROM "Measure") AS measures,
      (SELECT count(*) FROM "Assignment") AS assignments,
      (SELECT count(*) FROM "ProgressReport") AS reports`)
  ).rows[0];
  console.log(
    `\nprovince: ${counts.districts} districts, ${counts.measures} measures, ${counts.assignments} assignments, ${counts.reports} progress reports; today = ${today}\n`,
  );
}

/** The synthetic districts in code order. */
export async function benchDistricts(client: pg.Client): Promise<{ id: number; parentId: number }[]> {
  return (
    await client.query<{ id: number; parentId: number }>(
      `SELECT id, "parentId" FROM "Region" WHERE level = 'DISTRICT' AND code LIKE 'S%' ORDER BY code`,
    )
  ).rows;
}
