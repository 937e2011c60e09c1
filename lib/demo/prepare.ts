import { applyMigrations } from "@/lib/db/migrate.ts";
import { createPrisma } from "@/lib/db/client.ts";
import { isDatabaseEmpty, seedDemoData } from "@/lib/demo/seed.ts";

/** Applies pending migrations and, on an empty database, the demo data. */
export async function prepareDatabase(url: string, log: (line: string) => void): Promise<void> {
  const applied = await applyMigrations(url);
  for (const name of applied) log(`已执行数据库迁移 ${name}`);
  const prisma = createPrisma(url);
  try {
    if (await isDatabaseEmpty(prisma)) {
      await seedDemoData(prisma);
      log("已写入演示数据(演示账号见 README)");
    }
  } finally {
    await prisma.$disconnect();
  }
}
