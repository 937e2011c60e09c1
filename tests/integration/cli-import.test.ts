import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli, type CliRun as Run } from "../support/cli.ts";
import { db } from "@/lib/db/client.ts";
import { createRegion, createUnit, createUnitGroup, createUser } from "@/lib/demo/factories.ts";
import { withScratchDatabase } from "../support/scratch-database.ts";

// `npm run cli -- import <file> --region …` without --dry-run, as an operator
// runs it, against this file's database: exact names and aliases commit,
// anything else stops with a list and writes nothing unless the operator
// widens the rules; stdout carries only the summary.

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-commit-"));

function cli(...args: string[]): Promise<Run> {
  return cliOn(process.env.DATABASE_URL!, ...args);
}
function cliOn(databaseUrl: string, ...args: string[]): Promise<Run> {
  return runCli(["import", ...args], { DATABASE_URL: databaseUrl });
}

function file(name: string, text: string): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, text);
  return at;
}

// Every name resolves by exact name (区司法局), alias (区市场监管局) or group (区直各部门).
const KNOWN = file(
  "known.txt",
  `城关区2024年法治政府建设工作要点

一、加强制度建设
1.完善规范性文件备案审查制度,提高审查质量。
牵头单位:区司法局
责任单位:区市场监管局、区直各部门
完成时限:2024年12月底前

2.推进合法性审查全覆盖。
牵头单位:区司法局
`,
);
// 区应急局 is only near 区应急管理局.
const NEAR = file(
  "near.txt",
  `城关区2024年安全生产依法治理工作要点

一、健全应急管理制度
1.修订突发事件应急预案,每年组织演练。
牵头单位:区应急局
责任单位:区司法局
`,
);
// 区文旅局 is unknown; 各街道办事处 a collective name with no group yet.
const UNKNOWN = file(
  "unknown.txt",
  `城关区2024年文化市场综合执法工作要点

一、规范文化市场执法
1.开展文化市场执法案卷评查。
牵头单位:区文旅局
责任单位:各街道办事处
`,
);
const MIXED = file(
  "mixed.txt",
  `城关区2024年基层依法治理工作要点

一、推进基层治理
1.完善基层应急管理网格。
牵头单位:区应急局
责任单位:区文旅局、各街道办事处、区司法局
`,
);

let district: { id: number };
let units: Record<string, number>;
beforeEach(async () => {
  const lanzhou = await createRegion(db(), { code: "620100", name: "兰州市", level: "CITY" });
  district = await createRegion(db(), { code: "620102", name: "城关区", level: "DISTRICT", parentId: lanzhou.id });
  const lhasa = await createRegion(db(), { code: "540100", name: "拉萨市", level: "CITY" });
  const other = await createRegion(db(), { code: "540102", name: "城关区", level: "DISTRICT", parentId: lhasa.id });
  units = {};
  for (const [name, aliases] of [
    ["区司法局", []],
    ["区市场监督管理局", ["区市场监管局"]],
    ["区应急管理局", []],
  ] as const) {
    units[name] = (await createUnit(db(), { regionId: district.id, name, aliases: [...aliases] })).id;
  }
  await createUnitGroup(db(), { regionId: district.id, name: "区直各部门", memberIds: [units["区司法局"]!, units["区应急管理局"]!] });
  await createUser(db(), { login: "admin", name: "管理员", role: "ADMIN" });
  await createUser(db(), { login: "cg.bureau", name: "城关司法局", role: "BUREAU", regionId: district.id, unitId: units["区司法局"] });
  await createUser(db(), { login: "cg.liaison", name: "城关联络员", role: "LIAISON", regionId: district.id, unitId: units["区司法局"] });
  await createUser(db(), { login: "lhasa.bureau", name: "拉萨城关司法局", role: "BUREAU", regionId: other.id });
});

async function counts() {
  const [plans, measures, assignments, units, groups, aliases, audit] = await Promise.all([
    db().plan.count(),
    db().measure.count(),
    db().assignment.count(),
    db().unit.count(),
    db().unitGroup.count(),
    db().unitAlias.count(),
    db().auditEvent.count(),
  ]);
  return { plans, measures, assignments, units, groups, aliases, audit };
}

const SUMMARY_KEYS = [
  "actor",
  "aliasesAdded",
  "annualReports",
  "assignmentsCreated",
  "assignmentsRemoved",
  "emptyGroups",
  "groupsCreated",
  "measuresCreated",
  "measuresUpdated",
  "plans",
  "region",
  "unitsCreated",
];

describe("cli import, committing", () => {
  it("commits a plan whose names are exact or aliases: rows, assignments, audit by the first admin, one JSON object on stdout", async () => {
    const run = await cli(KNOWN, "--region", "620102", "--json");
    expect(run.stderr).not.toContain("导入失败");
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).not.toContain("[fazhi]");
    expect(run.stderr).not.toContain("没有成员");
    const summary = JSON.parse(run.stdout);
    expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
    expect(summary).toMatchObject({
      region: { code: "620102", name: "城关区" },
      actor: "admin",
      measuresCreated: 2,
      measuresUpdated: 0,
      unitsCreated: [],
      groupsCreated: [],
      aliasesAdded: [],
      annualReports: [],
    });
    expect(summary.plans).toEqual([
      { id: expect.any(Number), title: "城关区2024年法治政府建设工作要点", created: true, measures: 2, draft: true, parentItems: true },
    ]);

    const plan = await db().plan.findFirstOrThrow({
      where: { regionId: district.id },
      include: { measures: { orderBy: { sortOrder: "asc" }, include: { assignments: { include: { unit: true } } } } },
    });
    expect(plan.sourceFileName).toBe("known.txt");
    const roles = plan.measures.map((m) => m.assignments.map((a) => `${a.role} ${a.unit.name} ${a.source}`).sort());
    expect(roles).toEqual([
      ["LEAD 区司法局 DIRECT", "RESPONSIBLE 区市场监督管理局 DIRECT", "RESPONSIBLE 区应急管理局 GROUP"],
      ["LEAD 区司法局 DIRECT"],
    ]);
    expect(plan.measures[0]!.deadline?.toISOString().slice(0, 10)).toBe("2024-12-31");
    const admin = await db().user.findUniqueOrThrow({ where: { login: "admin" } });
    const events = await db().auditEvent.findMany({ where: { action: "plan.import" } });
    expect(events.map((e) => [e.entityId, e.actorId, e.districtId])).toEqual([[String(plan.id), admin.id, district.id]]);
    expect(await db().unit.count()).toBe(3);
  }, 120_000);

  it("prints a Chinese summary without --json, and a second run updates the plan instead of duplicating it", async () => {
    expect((await cli(KNOWN, "--region", "620102")).status).toBe(0);
    const before = await counts();
    const again = await cli(KNOWN, "--region", "620102", "--as", "cg.bureau");
    expect(again.status).toBe(0);
    expect(again.stdout).not.toContain("[fazhi]");
    expect(again.stdout).toContain("已导入到 城关区(620102),导入人 cg.bureau");
    expect(again.stdout).toContain("更新规划“城关区2024年法治政府建设工作要点”,2 项举措");
    expect(again.stdout).toContain("举措:新增 0,更新 2");
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    const bureau = await db().user.findUniqueOrThrow({ where: { login: "cg.bureau" } });
    expect(await db().auditEvent.count({ where: { action: "plan.reimport", actorId: bureau.id } })).toBe(1);
  }, 120_000);

  it("stops on names it cannot resolve exactly, listing each with what was found on stderr; nothing written", async () => {
    const before = await counts();
    const run = await cli(MIXED, "--region", "620102", "--json");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toContain("有 3 个单位名称无法按全称或别名对应到城关区的单位或分组,未导入任何内容");
    expect(lines.slice(1)).toEqual(["区应急局 — 相近:区应急管理局", "区文旅局 — 未找到", "各街道办事处 — 集体名称,没有同名分组"]);
    expect(await counts()).toEqual(before);

    // --create-units alone leaves the near match to the operator.
    const created = await cli(MIXED, "--region", "620102", "--create-units");
    expect(created.status).toBe(1);
    expect(created.stderr.trim().split("\n").slice(1)).toEqual(["区应急局 — 相近:区应急管理局"]);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it("refuses a text that is neither plan nor report in one line on stderr, and reads it as a plan when told to with --kind plan", async () => {
    const news = path.join(root, "tests/fixtures/import/news-item.txt");
    const before = await counts();
    const run = await cli(news, "--region", "620102", "--create-units");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("未识别为规划或年度报告:");
    expect(run.stderr).toContain("--kind plan");
    expect(await counts()).toEqual(before);

    const forced = await cli(news, "--region", "620102", "--kind", "plan", "--create-units", "--json");
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ measuresCreated: 3 });
    expect((await counts()).measures).toBe(before.measures + 3);
  }, 120_000);

  it("--create-units commits unknown names as units and collective names as new groups", async () => {
    const run = await cli(UNKNOWN, "--region", "620102", "--create-units", "--json");
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ unitsCreated: ["区文旅局"], groupsCreated: ["各街道办事处"], measuresCreated: 1 });
    // The new group has no members yet: said on stderr, not silently.
    expect(run.stderr).toContain("[fazhi] 提示:分组“各街道办事处”没有成员,文件中交给它的任务将无人承担");
    expect(await db().unit.findFirst({ where: { regionId: district.id, name: "区文旅局" } })).not.toBeNull();
    expect(await db().unitGroup.findFirst({ where: { regionId: district.id, name: "各街道办事处" } })).not.toBeNull();
    expect(await db().auditEvent.count({ where: { action: "unit.create" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "group.create" } })).toBe(1);
  }, 120_000);

  it("--accept-near-matches takes the best candidate and remembers the name as its alias", async () => {
    const run = await cli(NEAR, "--region", "620102", "--accept-near-matches", "--json");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ aliasesAdded: ["区应急局 → 区应急管理局"], unitsCreated: [], measuresCreated: 1 });
    const alias = await db().unitAlias.findFirstOrThrow({ where: { alias: "区应急局" } });
    expect(alias.unitId).toBe(units["区应急管理局"]);
    expect(await db().auditEvent.count({ where: { action: "unit.addAlias", entityId: String(units["区应急管理局"]) } })).toBe(1);
    const lead = await db().assignment.findFirstOrThrow({ where: { role: "LEAD" }, include: { unit: true } });
    expect(lead.unit.name).toBe("区应急管理局");
  }, 120_000);

  it("asks for the code when two regions share the name, naming their parents", async () => {
    const run = await cli(KNOWN, "--region", "城关区", "--json");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    // Parse warnings (a past deadline) follow the reason.
    const lines = run.stderr
      .trim()
      .split("\n")
      .filter((line) => !line.startsWith("[fazhi] 提示"));
    expect(lines[0]).toContain("有 2 个区域名为“城关区”,请用 --region <区域代码> 指定其中一个");
    expect(lines.slice(1)).toEqual(["540102 城关区(拉萨市)", "620102 城关区(兰州市)"]);
    expect(await db().plan.count()).toBe(0);
  }, 120_000);

  it("acts only as an account that may import into that region", async () => {
    for (const [login, message] of [
      ["cg.liaison", "账号“cg.liaison”无权导入规划和年度报告"],
      ["lhasa.bureau", "所选区域不存在、不在您的管理范围内或不是区县/乡镇"],
      ["nobody", "没有启用的账号“nobody”"],
    ] as const) {
      const run = await cli(KNOWN, "--region", "620102", "--as", login);
      expect(run.status, login).toBe(1);
      expect(run.stdout, login).toBe("");
      expect(run.stderr, login).toContain(message);
    }
    expect(await counts()).toMatchObject({ plans: 0, measures: 0, audit: 0 });

    // An annual report too: another district's bureau writes nothing into 城关区.
    const report = await cli(path.join(root, "tests/fixtures/import/report-untitled.txt"), "--region", "620102", "--as", "lhasa.bureau");
    expect(report.status).toBe(1);
    expect(report.stdout).toBe("");
    expect(report.stderr).toContain("所选区域不存在、不在您的管理范围内或不是区县/乡镇");
    expect(await db().annualReport.count()).toBe(0);
    expect(await db().auditEvent.count()).toBe(0);
  }, 120_000);

  it("requires --region without --dry-run", async () => {
    const run = await cli(KNOWN);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("请用 --region");
  }, 60_000);

  it("commits an annual report through the report import's writer", async () => {
    const shanghai = await createRegion(db(), { code: "310000", name: "上海市", level: "CITY" });
    const songjiang = await createRegion(db(), { code: "310117", name: "松江区", level: "DISTRICT", parentId: shanghai.id });
    const run = await cli(path.join(root, "tests/fixtures/seeds/001-songjiang-report-2024.txt"), "--region", "松江区", "--json");
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
    expect(summary).toMatchObject({ region: { code: "310117", name: "松江区" }, plans: [], annualReports: [{ year: 2024 }] });
    const report = await db().annualReport.findFirstOrThrow({ where: { regionId: songjiang.id }, include: { sections: true } });
    expect(report).toMatchObject({ year: 2024, imported: true, status: "PUBLISHED" });
    expect(report.sections.length).toBeGreaterThan(0);
    expect(await db().auditEvent.count({ where: { action: "annualReport.import", entityId: String(report.id) } })).toBe(1);
  }, 120_000);

  it("keeps its log lines on stderr: on a new database the migrations and the demo are logged there, stdout is the JSON alone", async () => {
    await withScratchDatabase(async (url) => {
      const report = path.join(root, "tests/fixtures/seeds/001-songjiang-report-2024.txt");
      const run = await cliOn(url, report, "--region", "310117", "--json");
      expect(run.status).toBe(0);
      expect(run.stderr).toContain("[fazhi] 已执行数据库迁移");
      expect(run.stderr).toContain("[fazhi] 已写入演示数据");
      expect(run.stdout).not.toContain("[fazhi]");
      expect(run.stdout.trim().split("\n")).toHaveLength(1);
      // The demo already holds 松江区's 2024 report: the same content imports as a no-op.
      expect(JSON.parse(run.stdout)).toMatchObject({ actor: "admin", annualReports: [{ year: 2024 }] });
    });
  }, 300_000);
});
