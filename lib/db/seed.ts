import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { RegionLevel, UnitKind } from "@/lib/generated/prisma/enums.ts";
import { createRegion, createUnit, createUnitGroup, createUser } from "@/lib/db/factories.ts";

type DemoUnits = {
  regions: { code: string; name: string; level: RegionLevel; parent: string | null }[];
  units: { region: string; name: string; shortName?: string | null; kind: UnitKind; aliases: string[] }[];
  groups: { region: string; name: string; members: string[] }[];
};

/** The demo accounts; the README lists them with their password. */
export const DEMO_PASSWORD = "Fazhi@2026";
export const DEMO_ACCOUNTS = [
  { login: "admin", name: "系统管理员", role: "ADMIN", region: null, unit: null },
  { login: "xialu.bureau", name: "王司法", role: "BUREAU", region: "420204", unit: "区司法局" },
  { login: "xialu.liaison", name: "李联络", role: "LIAISON", region: "420204", unit: "区司法局" },
  { login: "xialu.leader", name: "张区长", role: "LEADER", region: "420204", unit: null },
  { login: "shanghai.leader", name: "陈市领导", role: "LEADER", region: "310000", unit: null },
] as const;

const DEMO_FILE = path.resolve(import.meta.dirname, "../../prisma/demo-units.json");

/** Regions and units named in the five seed documents, and one account per role. */
export async function seedDemoData(prisma: PrismaClient): Promise<void> {
  const demo = JSON.parse(fs.readFileSync(DEMO_FILE, "utf8")) as DemoUnits;
  await prisma.$transaction(
    async (tx) => {
      const regionIds = new Map<string, number>();
      for (const region of demo.regions) {
        const parentId = region.parent ? regionIds.get(region.parent) : null;
        const created = await createRegion(tx, { code: region.code, name: region.name, level: region.level, parentId });
        regionIds.set(region.code, created.id);
      }
      const unitIds = new Map<string, number>();
      for (const [index, unit] of demo.units.entries()) {
        const created = await createUnit(tx, {
          regionId: regionIds.get(unit.region)!,
          name: unit.name,
          shortName: unit.shortName ?? null,
          kind: unit.kind,
          aliases: unit.aliases,
          sortOrder: index,
        });
        unitIds.set(`${unit.region}/${unit.name}`, created.id);
      }
      for (const group of demo.groups) {
        await createUnitGroup(tx, {
          regionId: regionIds.get(group.region)!,
          name: group.name,
          memberIds: group.members.map((name) => unitIds.get(`${group.region}/${name}`)!),
        });
      }
      for (const account of DEMO_ACCOUNTS) {
        await createUser(tx, {
          login: account.login,
          name: account.name,
          role: account.role,
          regionId: account.region ? regionIds.get(account.region) : null,
          unitId: account.unit ? unitIds.get(`${account.region}/${account.unit}`) : null,
          password: DEMO_PASSWORD,
        });
      }
    },
    { timeout: 60_000 },
  );
}

export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.region.count()) === 0 && (await prisma.user.count()) === 0;
}
