import { db } from "@/lib/db/client.ts";
import { createRegion, createUnit, createUnitGroup, createUser } from "@/lib/demo/factories.ts";

/**
 * Two districts under one city, each with units and one user per role, so
 * every authorization test can try the same thing inside and outside scope.
 */
export async function buildTwoDistricts() {
  const prisma = db();
  const city = await createRegion(prisma, { code: "420200", name: "黄石市", level: "CITY" });
  const districts = [];
  for (const [code, name] of [
    ["420204", "下陆区"],
    ["420202", "黄石港区"],
  ] as const) {
    const region = await createRegion(prisma, { code, name, level: "DISTRICT", parentId: city.id });
    const justice = await createUnit(prisma, { regionId: region.id, name: "区司法局" });
    const development = await createUnit(prisma, { regionId: region.id, name: "区发改局", aliases: ["区发改委"] });
    const group = await createUnitGroup(prisma, {
      regionId: region.id,
      name: "区直各部门",
      memberIds: [justice.id, development.id],
    });
    const prefix = code === "420204" ? "a" : "b";
    districts.push({
      region,
      units: { justice, development },
      group,
      users: {
        bureau: await createUser(prisma, { login: `${prefix}.bureau`, name: "司法局", role: "BUREAU", regionId: region.id }),
        liaison: await createUser(prisma, {
          login: `${prefix}.liaison`,
          name: "联络员",
          role: "LIAISON",
          regionId: region.id,
          unitId: development.id,
        }),
        leader: await createUser(prisma, { login: `${prefix}.leader`, name: "领导", role: "LEADER", regionId: region.id }),
      },
    });
  }
  const admin = await createUser(prisma, { login: "root", name: "管理员", role: "ADMIN" });
  const cityLeader = await createUser(prisma, { login: "city.leader", name: "市领导", role: "LEADER", regionId: city.id });
  const [a, b] = districts as [(typeof districts)[number], (typeof districts)[number]];
  return { city, a, b, admin, cityLeader };
}

/** Row counts of the tables a refused action must leave alone. */
export async function snapshotCounts() {
  const prisma = db();
  const [units, aliases, groups, members, users, regions, audit] = await Promise.all([
    prisma.unit.count(),
    prisma.unitAlias.count(),
    prisma.unitGroup.count(),
    prisma.unitGroupMember.count(),
    prisma.user.count(),
    prisma.region.count(),
    prisma.auditEvent.count(),
  ]);
  return { units, aliases, groups, members, users, regions, audit };
}
