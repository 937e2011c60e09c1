import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForPrisma = globalThis as unknown as { fazhiPrisma?: PrismaClient; fazhiPool?: pg.Pool };

/** The pool is made here, not by the adapter, so /api/metrics can read its counts (poolOf). */
const pools = new WeakMap<PrismaClient, pg.Pool>();

/**
 * How long an interactive transaction waits for a connection of a busy pool.
 * Prisma's default, 2 s, failed reports when a hundred liaisons submitted on
 * one server at once (npm run bench:load: "Unable to start a transaction in
 * the given time", 系统出现错误). Plain queries wait on the pool without limit;
 * a transaction now waits up to 30 s, inside the 60 s nginx waits for an
 * answer by default, so a burst queues instead of failing.
 */
export const TRANSACTION_MAX_WAIT_MS = 30_000;

export function createPrisma(connectionString: string): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  });
  pools.set(client, pool);
  return client;
}

/** The pg pool under a client made by createPrisma. */
export function poolOf(client: PrismaClient): pg.Pool | undefined {
  return pools.get(client);
}

/** One client per process; the URL is read on first use so tests can set it. */
export function db(): PrismaClient {
  if (!globalForPrisma.fazhiPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides it");
    globalForPrisma.fazhiPrisma = createPrisma(url);
    globalForPrisma.fazhiPool = poolOf(globalForPrisma.fazhiPrisma);
  }
  return globalForPrisma.fazhiPrisma;
}

/** The app client's pool, if the client exists yet (never creates it). */
export function appPool(): pg.Pool | undefined {
  return globalForPrisma.fazhiPool;
}
