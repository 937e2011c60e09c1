import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env.ts";
import { openDatabase } from "@/lib/db/open.ts";
import { prepareDatabase } from "@/lib/demo/prepare.ts";
import { createPrisma } from "@/lib/db/client.ts";
import { freePort } from "@/lib/db/embedded.ts";
import { DEMO_ACCOUNTS } from "@/lib/demo/seed.ts";

// What `npm start` does with no DATABASE_URL, minus the web server: start the
// embedded PostgreSQL, migrate, seed an empty database; then stop and start
// again and find the data written in between.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-restart-"));
fs.chmodSync(dataDir, 0o755);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function session<T>(port: number, fn: (prisma: ReturnType<typeof createPrisma>) => Promise<T>): Promise<T> {
  const env = parseEnv({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) });
  const database = await openDatabase(env, () => {});
  try {
    await prepareDatabase(database.url, () => {});
    const prisma = createPrisma(database.url);
    try {
      return await fn(prisma);
    } finally {
      await prisma.$disconnect();
    }
  } finally {
    await database.stop();
  }
}

describe("the embedded database", () => {
  it("is seeded once, and keeps what was written across a stop and a start", { timeout: 120_000 }, async () => {
    const port = await freePort();
    const first = await session(port, async (prisma) => {
      const district = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
      await prisma.unit.create({
        data: { name: "区数据局", kind: "GOVERNMENT_DEPARTMENT", regionId: district.id, districtId: district.id },
      });
      return {
        users: await prisma.user.count(),
        units: await prisma.unit.count(),
        demoAccounts: await prisma.user.count({ where: { login: { in: DEMO_ACCOUNTS.map((a) => a.login) } } }),
      };
    });
    expect(first.demoAccounts).toBe(DEMO_ACCOUNTS.length);

    const second = await session(port, async (prisma) => ({
      users: await prisma.user.count(),
      units: await prisma.unit.count(),
      demoAccounts: await prisma.user.count({ where: { login: { in: DEMO_ACCOUNTS.map((a) => a.login) } } }),
      added: await prisma.unit.count({ where: { name: "区数据局" } }),
    }));
    expect(second).toEqual({ ...first, added: 1 });
  });
});
