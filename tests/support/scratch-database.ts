import pg from "pg";

/**
 * Runs against a scratch database of the same server, for tests of the
 * migrations themselves: the per-file database is already migrated.
 */
export async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `fazhi_test_scratch_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    base.pathname = `/${name}`;
    return await fn(base.toString());
  } finally {
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
