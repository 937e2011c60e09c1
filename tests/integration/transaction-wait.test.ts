import { afterAll, describe, expect, it } from "vitest";
import { createPrisma, poolOf } from "@/lib/db/client.ts";

// Found by `npm run bench:load`: 100 liaisons submitting at once on one server
// queue for its pool's connections, and Prisma's interactive transactions gave
// up after their default 2 s wait ("Unable to start a transaction in the given
// time"), so reports were lost with 系统出现错误. A busy pool must make a
// transaction wait, as every other query already does, not fail it.

const client = createPrisma(process.env.DATABASE_URL!);

afterAll(async () => {
  await client.$disconnect();
});

describe("interactive transactions on a busy pool", () => {
  it("wait for a free connection longer than Prisma's default 2 s instead of failing", async () => {
    const size = poolOf(client)!.options.max;
    // Every connection of the pool held for 3 s by a transaction of its own.
    const holders = Array.from({ length: size }, () =>
      client.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(3)`, { timeout: 10_000 }),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(poolOf(client)!.idleCount).toBe(0);

      const started = performance.now();
      const [row] = await client.$transaction(async (tx) => tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`);
      expect(row).toEqual({ one: 1 });
      expect(performance.now() - started).toBeGreaterThan(2_000);
    } finally {
      await Promise.allSettled(holders);
    }
  }, 20_000);
});
