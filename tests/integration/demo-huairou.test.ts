import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";

// Acceptance 3 of issue 13: a fresh demo (what `npm start` seeds) has seed 002,
// 怀柔区's 行动计划, imported into 怀柔区 with its 87 measures divided among
// 怀柔区's own units: the units and groups of prisma/demo-units.json, none
// invented by the import, no group the plan names left without members.

const demo = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../prisma/demo-units.json"), "utf8")) as {
  units: { region: string; name: string; aliases: string[] }[];
  groups: { region: string; name: string; members: string[] }[];
};
const HUAIROU = "110116";

describe("the demo's 怀柔区", () => {
  it("has 002's action plan with 87 measures, every one led by 怀柔区's own units, and no unit the seed invented", async () => {
    await seedDemoData(db(), { today: "2026-12-06" });
    const huairou = await db().region.findUniqueOrThrow({ where: { code: HUAIROU } });
    const plans = await db().plan.findMany({
      where: { regionId: huairou.id },
      include: { measures: { include: { assignments: { include: { unit: true } } }, orderBy: { sortOrder: "asc" } } },
    });
    expect(plans.map((p) => [p.title, p.measures.length])).toEqual([["“十四五”时期怀柔区法治政府建设行动计划", 87]]);
    const plan = plans[0]!;
    expect(plan).toMatchObject({ kind: "ACTION_PLAN", status: "IN_FORCE", sourceFileName: "002-huairou-action-plan.txt" });
    expect(plan.issueDate).toEqual(new Date("2021-12-24T00:00:00Z"));
    expect(plan.measures.filter((m) => m.ongoing)).toHaveLength(52);

    // Divided among 怀柔区's units: each measure has a lead unit, every assignee is a unit of 怀柔区.
    const assignments = plan.measures.flatMap((m) => m.assignments);
    expect(plan.measures.filter((m) => !m.assignments.some((a) => a.role === "LEAD")).map((m) => m.code)).toEqual([]);
    expect(assignments.every((a) => a.districtId === huairou.id && a.unit.districtId === huairou.id)).toBe(true);
    expect(assignments.length).toBeGreaterThan(1000);
    expect(await db().progressReport.count({ where: { assignment: { measure: { planId: plan.id } } } })).toBe(0);

    // Exactly the units, aliases and groups of demo-units.json: the import created none.
    const units = demo.units.filter((u) => u.region === HUAIROU);
    expect((await db().unit.findMany({ where: { districtId: huairou.id }, select: { name: true } })).map((u) => u.name).sort()).toEqual(
      units.map((u) => u.name).sort(),
    );
    expect(await db().unitAlias.count({ where: { districtId: huairou.id } })).toBe(units.reduce((n, u) => n + u.aliases.length, 0));
    const groups = await db().unitGroup.findMany({ where: { districtId: huairou.id }, include: { _count: { select: { members: true } } } });
    expect(groups.map((g) => g.name).sort()).toEqual(
      demo.groups
        .filter((g) => g.region === HUAIROU)
        .map((g) => g.name)
        .sort(),
    );
    expect(groups.filter((g) => g._count.members === 0).map((g) => g.name)).toEqual([]);
    expect(
      await db().auditEvent.count({ where: { districtId: huairou.id, action: { in: ["unit.create", "group.create", "unit.addAlias"] } } }),
    ).toBe(0);

    // 11.4's 决策承办单位 reaches the government's departments through its group.
    const m114 = plan.measures.find((m) => m.code === "11.4")!;
    expect(m114.assignments.filter((a) => a.role === "RESPONSIBLE" && a.source === "GROUP").length).toBeGreaterThan(10);

    // Imported by 怀柔区's bureau, who can sign in and see it.
    const bureau = await db().user.findUniqueOrThrow({ where: { login: "huairou.bureau" } });
    expect(bureau).toMatchObject({ role: "BUREAU", regionId: huairou.id, active: true });
    expect(await db().auditEvent.findFirst({ where: { action: "plan.import", entityId: String(plan.id) } })).toMatchObject({
      actorId: bureau.id,
    });
  }, 180_000);
});
