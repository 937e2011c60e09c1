import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Acceptance 1 of issue 13: `npm run cli -- import <seed> --dry-run --json` on
// each of the five seeds prints the JSON the issue specifies, with exactly
// its keys: plans with sections and measures (004 three plans, 002 87
// measures of which 52 ongoing), 001 and 003 as annual reports with their
// region and year, warnings as {line, message}.

const root = path.resolve(import.meta.dirname, "../../..");
const seeds = path.join(root, "tests/fixtures/seeds");

type Json = Record<string, unknown>;
function dryRun(file: string, ...args: string[]): { documents: Json[]; warnings: Json[] } {
  const run = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/cli.ts", "import", path.join(seeds, file), ...args, "--dry-run", "--json"],
    { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout.endsWith("}\n")).toBe(true);
  expect(run.stdout.trim().split("\n")).toHaveLength(1);
  const result = JSON.parse(run.stdout) as { documents: Json[]; warnings: Json[] };
  expect(Object.keys(result)).toEqual(["documents", "warnings"]);
  for (const warning of result.warnings) {
    expect(Object.keys(warning).sort()).toEqual(["line", "message"]);
    expect(Number.isInteger(warning.line) && (warning.line as number) >= 1).toBe(true);
    expect(typeof warning.message === "string" && warning.message.length > 0).toBe(true);
  }
  return result;
}

const sorted = (value: unknown) => Object.keys(value as object).sort();

/** Every plan's keys, its sections' and measures' keys and types, exactly as the issue lists them. */
function expectPlanShape(plan: Json, region: string | null) {
  expect(sorted(plan)).toEqual(["kind", "measures", "region", "sections", "title"]);
  expect(plan.kind).toBe("plan");
  expect(plan.region).toBe(region);
  expect(typeof plan.title).toBe("string");
  const sections = plan.sections as Json[];
  expect(sections.length).toBeGreaterThan(0);
  for (const s of sections) {
    expect(sorted(s)).toEqual(["label", "level", "title"]);
    expect(typeof s.label).toBe("string");
    expect(typeof s.title).toBe("string");
    expect([1, 2, 3, 4]).toContain(s.level);
  }
  const labels = new Set(sections.map((s) => `${String(s.label)}${String(s.title)}`));
  for (const m of plan.measures as Json[]) {
    expect(sorted(m)).toEqual(["code", "deadline", "lead", "responsible", "section", "text"]);
    expect(typeof m.code).toBe("string");
    expect(typeof m.text).toBe("string");
    // The nearest section, as label + title of one of the plan's sections.
    if (m.section !== null) expect(labels.has(m.section as string), m.section as string).toBe(true);
    for (const list of [m.lead, m.responsible]) {
      expect(Array.isArray(list)).toBe(true);
      for (const name of list as unknown[]) expect(typeof name === "string" && name.length > 0).toBe(true);
    }
    const deadline = m.deadline as Json | null;
    if (deadline === null) continue;
    expect(sorted(deadline)).toEqual(["date", "ongoing", "text"]);
    expect(typeof deadline.text).toBe("string");
    expect(typeof deadline.ongoing).toBe("boolean");
    if (deadline.date !== null) expect(deadline.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
}

function expectReportShape(report: Json, expected: { region: string; year: number; title: string; sections: number }) {
  expect(sorted(report)).toEqual(["kind", "region", "sections", "title", "year"]);
  expect(report).toMatchObject({ kind: "annual-report", ...expected, sections: expect.any(Array) });
  expect((report.sections as Json[]).length).toBe(expected.sections);
  for (const s of report.sections as Json[]) {
    expect(sorted(s)).toEqual(["text", "title"]);
    expect(typeof s.title === "string" && typeof s.text === "string" && s.text.length > 0).toBe(true);
  }
}

describe("the import CLI's dry run on the five seeds", () => {
  it("000: 宝山区's plan, 58 measures", () => {
    const { documents } = dryRun("000-baoshan-plan.txt");
    expect(documents).toHaveLength(1);
    expectPlanShape(documents[0]!, null);
    expect(documents[0]).toMatchObject({ title: "宝山区全面推进法治政府建设“十四五”规划" });
    expect(documents[0]!.measures).toHaveLength(58);
  }, 60_000);

  it("001: 松江区's annual report for 2024", () => {
    const { documents } = dryRun("001-songjiang-report-2024.txt");
    expect(documents).toHaveLength(1);
    expectReportShape(documents[0]!, { region: "松江区", year: 2024, title: "松江区2024年法治政府建设年度报告", sections: 5 });
  }, 60_000);

  it("002: 怀柔区's action plan, 87 measures, 52 of them ongoing, each with its deadline; the region named on the command line", () => {
    const { documents } = dryRun("002-huairou-action-plan.txt", "--region", "怀柔区");
    expect(documents).toHaveLength(1);
    const plan = documents[0]!;
    expectPlanShape(plan, "怀柔区");
    expect(plan.title).toBe("“十四五”时期怀柔区法治政府建设行动计划");
    const measures = plan.measures as { code: string; deadline: { text: string; date: string | null; ongoing: boolean } | null }[];
    expect(measures).toHaveLength(87);
    expect(measures.filter((m) => m.deadline?.ongoing)).toHaveLength(52);
    expect(measures.filter((m) => m.deadline === null)).toEqual([]);
    expect(measures.filter((m) => !m.deadline?.ongoing).every((m) => /^\d{4}-12-31$/.test(m.deadline!.date ?? ""))).toBe(true);
    expect(plan.sections).toContainEqual({ label: "一、", title: "深入学习贯彻习近平法治思想,努力实现法治政府建设全面突破", level: 1 });
    expect(measures[0]).toEqual({
      code: "1.1",
      section: "1.推进政府机构职能优化协同高效",
      text: expect.stringMatching(/^厘清政府与市场、政府与社会/),
      lead: ["区委编办", "区政务服务局", "区司法局"],
      responsible: ["各单位", "各部门", "各镇乡街道"],
      deadline: { text: "2023 年", date: "2023-12-31", ongoing: false },
    });
  }, 60_000);

  it("003: 罗店镇's annual report for 2020", () => {
    const { documents } = dryRun("003-luodian-report-2020.txt");
    expect(documents).toHaveLength(1);
    expectReportShape(documents[0]!, { region: "罗店镇", year: 2020, title: "罗店镇2020年法治政府建设年度报告", sections: 6 });
  }, 60_000);

  it("004: 下陆区's three division-of-labour plans, printed whole", () => {
    const { documents } = dryRun("004-xialu-division.txt");
    for (const plan of documents) expectPlanShape(plan, null);
    expect(documents.map((d) => [d.title, (d.measures as unknown[]).length])).toEqual([
      ["法治下陆建设规划(2021-2025年)重要举措分工方案", 50],
      ["下陆区法治政府建设实施方案(2021-2025年)重要举措分工方案", 32],
      ["下陆区法治社会建设实施方案(2021—2025年)重要举措分工方案", 56],
    ]);
    expect((documents[0]!.measures as Json[])[0]).toMatchObject({
      code: "1",
      lead: ["区人大常委会", "区司法局"],
      responsible: ["区直有关部门"],
      deadline: null,
    });
  }, 60_000);

  it("prints the whole object to a reader slower than the command (a pipe holds 64 KB; 004's JSON is larger)", () => {
    // The shell's reader waits before reading: the command must wait for its output to drain before it exits.
    const command = `"${process.execPath}" node_modules/tsx/dist/cli.mjs scripts/cli.ts import tests/fixtures/seeds/004-xialu-division.txt --dry-run --json | (sleep 10; cat)`;
    const run = spawnSync("sh", ["-c", command], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "" },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status).toBe(0);
    expect(Buffer.byteLength(run.stdout)).toBeGreaterThan(65_536);
    expect(JSON.parse(run.stdout).documents).toHaveLength(3);
  }, 60_000);
});
