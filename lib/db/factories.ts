import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { RegionLevel, Role, UnitKind } from "@/lib/generated/prisma/enums.ts";
import type { Tx } from "@/lib/db/client.ts";
import { hashPassword } from "@/lib/auth/password.ts";

// Builders shared by the demo seed and the tests, so both make data the same
// way the app does (paths, tenant keys, hashed passwords).

type Client = PrismaClient | Tx;

export async function createRegion(
  client: Client,
  input: { code: string; name: string; level: RegionLevel; parentId?: number | null },
) {
  const parent = input.parentId ? await client.region.findUniqueOrThrow({ where: { id: input.parentId } }) : null;
  const created = await client.region.create({
    data: { code: input.code, name: input.name, level: input.level, parentId: parent?.id ?? null, path: "" },
  });
  const districtId = input.level === "DISTRICT" ? created.id : input.level === "TOWN" ? (parent?.districtId ?? null) : null;
  return client.region.update({
    where: { id: created.id },
    data: { path: `${parent?.path ?? "/"}${created.id}/`, districtId },
  });
}

export async function createUnit(
  client: Client,
  input: { regionId: number; name: string; kind?: UnitKind; shortName?: string | null; aliases?: string[]; sortOrder?: number },
) {
  const region = await client.region.findUniqueOrThrow({ where: { id: input.regionId } });
  if (!region.districtId) throw new Error(`region ${region.name} is above district level and cannot own units`);
  const districtId = region.districtId;
  return client.unit.create({
    data: {
      districtId,
      regionId: region.id,
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind ?? "GOVERNMENT_DEPARTMENT",
      sortOrder: input.sortOrder ?? 0,
      aliases: { create: (input.aliases ?? []).map((alias) => ({ alias, regionId: region.id, districtId })) },
    },
  });
}

export async function createUnitGroup(client: Client, input: { regionId: number; name: string; memberIds: number[] }) {
  const region = await client.region.findUniqueOrThrow({ where: { id: input.regionId } });
  const districtId = region.districtId!;
  return client.unitGroup.create({
    data: {
      regionId: region.id,
      districtId,
      name: input.name,
      members: { create: input.memberIds.map((unitId) => ({ unitId, districtId })) },
    },
  });
}

const hashes = new Map<string, Promise<string>>();
/** Hashing is slow on purpose; tests create many users with the same password. */
function cachedHash(password: string) {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

export async function createUser(
  client: Client,
  input: {
    login: string;
    name: string;
    role: Role;
    regionId?: number | null;
    unitId?: number | null;
    password?: string;
    active?: boolean;
  },
) {
  const region = input.regionId ? await client.region.findUniqueOrThrow({ where: { id: input.regionId } }) : null;
  return client.user.create({
    data: {
      login: input.login,
      name: input.name,
      role: input.role,
      regionId: region?.id ?? null,
      districtId: region?.districtId ?? null,
      unitId: input.unitId ?? null,
      active: input.active ?? true,
      passwordHash: await cachedHash(input.password ?? "password-123"),
    },
  });
}

export async function createPlan(
  client: Client,
  input: {
    regionId: number;
    title: string;
    reportCadence?: "MONTHLY" | "QUARTERLY" | "HALF_YEARLY" | "YEARLY";
    reportDueDay?: number;
    periodStart?: number;
    periodEnd?: number;
  },
) {
  const region = await client.region.findUniqueOrThrow({ where: { id: input.regionId } });
  return client.plan.create({
    data: {
      regionId: region.id,
      districtId: region.districtId!,
      title: input.title,
      kind: "PLAN",
      status: "IN_FORCE",
      periodStart: input.periodStart ?? 2021,
      periodEnd: input.periodEnd ?? 2025,
      reportCadence: input.reportCadence ?? "QUARTERLY",
      reportDueDay: input.reportDueDay ?? 10,
    },
  });
}

/** A measure with its lead and responsible units assigned directly. */
export async function createMeasure(
  client: Client,
  input: {
    planId: number;
    code: string;
    text?: string;
    deadline?: string | null;
    ongoing?: boolean;
    leadUnitIds?: number[];
    responsibleUnitIds?: number[];
  },
) {
  const plan = await client.plan.findUniqueOrThrow({ where: { id: input.planId } });
  const measure = await client.measure.create({
    data: {
      planId: plan.id,
      districtId: plan.districtId,
      code: input.code,
      text: input.text ?? `举措 ${input.code}`,
      deadline: input.deadline ? new Date(`${input.deadline}T00:00:00Z`) : null,
      deadlineText: input.deadline ?? (input.ongoing ? "长期坚持" : null),
      ongoing: input.ongoing ?? false,
      sortOrder: Number.parseInt(input.code, 10) || 0,
    },
  });
  const assignments = [
    ...(input.leadUnitIds ?? []).map((unitId) => ({ unitId, role: "LEAD" as const })),
    ...(input.responsibleUnitIds ?? []).map((unitId) => ({ unitId, role: "RESPONSIBLE" as const })),
  ];
  await client.assignment.createMany({
    data: assignments.map((a) => ({ ...a, measureId: measure.id, districtId: plan.districtId })),
  });
  return measure;
}
