import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createPlan } from "@/lib/demo/factories.ts";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate.ts";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import type { ParsedPlan } from "@/lib/import/types.ts";
import { OUTLINE_AREA_CODES, OUTLINE_AREA_NAMES, type OutlineAreaCode } from "@/lib/outline/areas.ts";
import { resolveSectionAreas } from "@/lib/outline/classify.ts";
import { commitPlanImport, previewPlanImport, updateSectionOutlineArea } from "@/lib/plans/actions.ts";
import { acceptAllProposals, unreviewedPlans } from "@/lib/plans/resolutions.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

const MIGRATION = "20261123180000_outline_areas";
const seedText = (file: string) => fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/seeds", file), "utf8");

function plansOf(file: string): ParsedPlan[] {
  const document = parseDocumentText(seedText(file));
  if (document.kind !== "plans") throw new Error(file);
  return document.plans;
}

describe(`migration ${MIGRATION}`, () => {
  // A scratch database migrated up to just before this migration, holding the
  // three seed plans' chapters as earlier versions of the app stored them
  // (no areas, or junk in the then unchecked column); then migrated to the end.
  const base = new URL(process.env.DATABASE_URL!);
  const name = `fazhi_test_scratch_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  const scratch = new pg.Client({ connectionString: url.toString() });
  const earlier = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-migrations-"));
  const expected = new Map<number, OutlineAreaCode | null>();

  beforeAll(async () => {
    for (const migration of readMigrations().filter((m) => m.name < MIGRATION)) {
      fs.cpSync(path.join(MIGRATIONS_DIR, migration.name), path.join(earlier, migration.name), { recursive: true });
    }
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await applyMigrations(url.toString(), earlier);
    await scratch.connect();

    const {
      rows: [region],
    } = await scratch.query<{ id: number }>(
      `INSERT INTO "Region" ("code", "name", "level", "path", "updatedAt") VALUES ('420204', '下陆区', 'DISTRICT', '/', now()) RETURNING "id"`,
    );
    const districtId = region!.id;
    // Stored before the column had a table to check it against.
    const storedBefore: Record<string, { stored: string; after: OutlineAreaCode | null }> = {
      "二、坚持依法行政,全面建设法治政府": { stored: "行政执法", after: "ENFORCEMENT" }, // an area's name
      "一、健全政府机构职能体系": { stored: "JUSTICE", after: "JUSTICE" }, // a valid code is kept as set
      "三、健全服务大局、优化环境的法治保障体系": { stored: "营商", after: "FUNCTIONS" }, // junk: cleared, then classified
    };
    for (const file of ["000-baoshan-plan.txt", "002-huairou-action-plan.txt", "004-xialu-division.txt"]) {
      for (const plan of plansOf(file)) {
        const {
          rows: [saved],
        } = await scratch.query<{ id: number }>(
          `INSERT INTO "Plan" ("districtId", "regionId", "kind", "title", "updatedAt") VALUES ($1, $1, 'PLAN', $2, now()) RETURNING "id"`,
          [districtId, plan.title],
        );
        const areas = resolveSectionAreas(plan.sections);
        const ids = new Map<string, number>();
        for (const [index, section] of plan.sections.entries()) {
          const special = storedBefore[`${section.label}${section.title}`];
          const {
            rows: [row],
          } = await scratch.query<{ id: number }>(
            `INSERT INTO "Section" ("districtId", "planId", "parentId", "label", "title", "sortOrder", "outlineArea")
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "id"`,
            [
              districtId,
              saved!.id,
              section.parentKey ? ids.get(section.parentKey) : null,
              section.label,
              section.title,
              index,
              special?.stored ?? null,
            ],
          );
          ids.set(section.key, row!.id);
          expected.set(row!.id, special ? special.after : (areas.get(section.key) ?? null));
        }
      }
    }
    await applyMigrations(url.toString());
  }, 120_000);

  afterAll(async () => {
    await scratch.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    fs.rmSync(earlier, { recursive: true, force: true });
  });

  it("writes the outline's areas, in the order of OUTLINE_AREA_CODES", async () => {
    const areas = OUTLINE_AREA_CODES.map((code, index) => ({ code, name: OUTLINE_AREA_NAMES[code], sortOrder: index + 1 }));
    const { rows } = await scratch.query(`SELECT "code", "name", "sortOrder" FROM "OutlineArea" ORDER BY "sortOrder"`);
    expect(rows).toEqual(areas);
    // And the test database, migrated from an empty one, keeps them between tests.
    expect(await db().outlineArea.findMany({ orderBy: { sortOrder: "asc" } })).toEqual(areas);
  });

  // The SQL was written from lib/outline/classify.ts as it stood; if the
  // classifier changes later, compare with the areas it gave then instead.
  it("gives the sections already stored the areas the classifier gives them, keeping valid ones", async () => {
    const { rows } = await scratch.query<{ id: number; outlineArea: string | null }>(`SELECT "id", "outlineArea" FROM "Section"`);
    expect(rows).toHaveLength(expected.size);
    expect(new Map(rows.map((r) => [r.id, r.outlineArea]))).toEqual(expected);
    expect([...expected.values()].filter(Boolean).length).toBeGreaterThan(expected.size * 0.8);
  });
});

describe("importing seed 004", () => {
  let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
  beforeEach(async () => {
    world = await buildTwoDistricts();
    await actAs(world.a.users.bureau);
  });

  async function importSeed004() {
    const xialu = world.a.region;
    const form = new FormData();
    form.set("regionId", String(xialu.id));
    form.set("file", new File([seedText("004-xialu-division.txt")], "004.txt", { type: "text/plain" }));
    const preview = await previewPlanImport(form);
    if (!preview.ok || preview.data.document.kind !== "plans") throw new Error(JSON.stringify(preview));
    const result = await commitPlanImport({
      regionId: String(xialu.id),
      plans: unreviewedPlans(preview.data.document.plans),
      resolutions: acceptAllProposals(preview.data.reconciliation),
    });
    expect(result).toMatchObject({ ok: true });
  }

  const chapters = async (titleStart: string) =>
    db().section.findMany({
      where: { plan: { title: { startsWith: titleStart } } },
      orderBy: { sortOrder: "asc" },
      select: { id: true, label: true, title: true, outlineArea: true },
    });

  it("files each plan's chapters under the outline's areas", async () => {
    await importSeed004();
    expect((await chapters("法治下陆建设规划")).map((s) => s.outlineArea)).toEqual([
      "SOCIETY",
      null,
      "JUSTICE",
      "SOCIETY",
      "OVERSIGHT",
      "LEADERSHIP",
    ]);
    expect((await chapters("下陆区法治政府建设实施方案")).map((s) => s.outlineArea)).toEqual([
      "FUNCTIONS",
      "RULES",
      "DECISIONS",
      "ENFORCEMENT",
      "EMERGENCIES",
      "DISPUTES",
      "OVERSIGHT",
      "TECHNOLOGY",
      "LEADERSHIP",
    ]);
    expect((await chapters("下陆区法治社会建设实施方案")).map((s) => s.outlineArea)).toEqual(Array(5).fill("SOCIETY"));
  });

  it("a re-import keeps areas set by hand, emptied by hand included, and fills only empty ones", async () => {
    await importSeed004();
    const [functions, , , , , , , digital, capacity] = await chapters("下陆区法治政府建设实施方案");
    const [, generic] = await chapters("法治下陆建设规划");
    const [awareness] = await chapters("下陆区法治社会建设实施方案");

    expect(await updateSectionOutlineArea({ sectionId: String(capacity!.id), outlineArea: "RULES" })).toMatchObject({ ok: true });
    expect(await updateSectionOutlineArea({ sectionId: String(digital!.id), outlineArea: "" })).toMatchObject({ ok: true });
    expect(await updateSectionOutlineArea({ sectionId: String(generic!.id), outlineArea: "OVERSIGHT" })).toMatchObject({ ok: true });
    // Empty without anyone choosing so, as chapters imported before areas existed can be.
    await db().section.update({ where: { id: awareness!.id }, data: { outlineArea: null } });

    await importSeed004();
    const area = async (id: number) => (await db().section.findUniqueOrThrow({ where: { id } })).outlineArea;
    expect(await area(capacity!.id)).toBe("RULES");
    expect(await area(digital!.id)).toBeNull();
    expect(await area(generic!.id)).toBe("OVERSIGHT");
    expect(await area(awareness!.id)).toBe("SOCIETY");
    expect(await area(functions!.id)).toBe("FUNCTIONS");
  });
});

describe("updateSectionOutlineArea", () => {
  let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
  let section: { id: number };
  beforeEach(async () => {
    world = await buildTwoDistricts();
    const plan = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设实施方案" });
    section = await db().section.create({
      data: { planId: plan.id, districtId: plan.districtId, label: "二、", title: "坚持依法行政,全面建设法治政府", sortOrder: 0 },
    });
  });

  const stored = async () => (await db().section.findUniqueOrThrow({ where: { id: section.id } })).outlineArea;
  const auditCount = () => db().auditEvent.count({ where: { entityType: "Section" } });

  it("lets the district's bureau file a chapter under an area and back under none, audited", async () => {
    await actAs(world.a.users.bureau);
    const result = await updateSectionOutlineArea({ sectionId: String(section.id), outlineArea: "RULES" });
    expect(result).toEqual({ ok: true, message: "已将“二、坚持依法行政,全面建设法治政府”对应到“依法行政制度”", data: null });
    expect(await stored()).toBe("RULES");
    expect(await db().auditEvent.findFirstOrThrow({ where: { entityType: "Section", entityId: String(section.id) } })).toMatchObject({
      action: "section.updateOutlineArea",
      actorId: world.a.users.bureau.id,
      districtId: world.a.region.id,
      before: { outlineArea: null },
      after: { outlineArea: "RULES" },
    });

    expect(await updateSectionOutlineArea({ sectionId: String(section.id), outlineArea: "" })).toMatchObject({ ok: true });
    expect(await stored()).toBeNull();
    expect(await auditCount()).toBe(2);

    await actAs(world.admin);
    expect(await updateSectionOutlineArea({ sectionId: String(section.id), outlineArea: "JUSTICE" })).toMatchObject({ ok: true });
    expect(await stored()).toBe("JUSTICE");
  });

  it("another district's bureau gets NOT_FOUND and changes nothing", async () => {
    await actAs(world.b.users.bureau);
    expect(await updateSectionOutlineArea({ sectionId: String(section.id), outlineArea: "RULES" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await stored()).toBeNull();
    expect(await auditCount()).toBe(0);
  });

  it("a leader and a liaison are refused and change nothing", async () => {
    for (const user of [world.a.users.leader, world.a.users.liaison, world.cityLeader]) {
      await actAs(user);
      expect(await updateSectionOutlineArea({ sectionId: String(section.id), outlineArea: "RULES" })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
    }
    expect(await stored()).toBeNull();
    expect(await auditCount()).toBe(0);
  });

  it.each([["PEACE"], ["rules"], [undefined]])("an unknown area (%s) is a field error and changes nothing", async (outlineArea) => {
    await actAs(world.a.users.bureau);
    expect(await updateSectionOutlineArea({ sectionId: String(section.id), outlineArea })).toEqual({
      ok: false,
      code: "VALIDATION",
      message: "填写的内容有误,请按提示修改。",
      fieldErrors: { outlineArea: ["请从列表中选择纲要领域,或选择“未对应”"] },
    });
    expect(await stored()).toBeNull();
    expect(await auditCount()).toBe(0);
  });
});
