import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import { toDryRun, type DryRunPlan, type DryRunReport } from "@/lib/import/dry-run.ts";

const seed = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, "../../fixtures/seeds", name), "utf8");
const dryRun = (name: string, region?: string) => toDryRun(parseDocumentText(seed(name)), { region });

describe("toDryRun: the seeds as the import CLI prints them", () => {
  it.each([
    ["000-baoshan-plan.txt", [["plan", "宝山区全面推进法治政府建设“十四五”规划", 58]]],
    ["002-huairou-action-plan.txt", [["plan", "“十四五”时期怀柔区法治政府建设行动计划", 87]]],
    [
      "004-xialu-division.txt",
      [
        ["plan", 50],
        ["plan", 32],
        ["plan", 56],
      ],
    ],
    ["001-songjiang-report-2024.txt", [["annual-report", "松江区2024年法治政府建设年度报告", 5]]],
    ["003-luodian-report-2020.txt", [["annual-report", "罗店镇2020年法治政府建设年度报告", 6]]],
  ] as const)("%s", (name, expected) => {
    const docs = dryRun(name).documents.map((d) => {
      const count = d.kind === "plan" ? d.measures.length : d.sections.length;
      return expected[0].length === 3 ? [d.kind, d.title, count] : [d.kind, count];
    });
    expect(docs).toEqual(expected);
  });

  it("gives a measure its nearest section as printed, its units and its deadline; sections their level", () => {
    const plan = dryRun("002-huairou-action-plan.txt", "怀柔区").documents[0] as DryRunPlan;
    expect(plan.region).toBe("怀柔区");
    expect(plan.sections.slice(0, 2).map((s) => [s.label, s.level])).toEqual([
      ["一、", 1],
      ["(一)", 2],
    ]);
    expect(plan.measures[0]).toEqual({
      code: "1.1",
      section: "1.推进政府机构职能优化协同高效",
      text: expect.stringMatching(/^厘清政府与市场/),
      lead: ["区委编办", "区政务服务局", "区司法局"],
      responsible: ["各单位", "各部门", "各镇乡街道"],
      deadline: { text: "2023 年", date: "2023-12-31", ongoing: false },
    });
  });

  it("names an annual report's year and region", () => {
    const report = dryRun("001-songjiang-report-2024.txt").documents[0] as DryRunReport;
    expect(report).toMatchObject({ kind: "annual-report", year: 2024, region: "松江区" });
    expect(report.sections[0]).toEqual({ title: expect.any(String), text: expect.any(String) });
  });

  it("keeps the region a report names over --region, and warns when they differ", () => {
    const plain = dryRun("001-songjiang-report-2024.txt");
    const result = dryRun("001-songjiang-report-2024.txt", "怀柔区");
    expect((result.documents[0] as DryRunReport).region).toBe("松江区");
    expect(result.warnings).toEqual([...plain.warnings, { line: 1, message: "报告写明的地区“松江区”与 --region 指定的“怀柔区”不一致" }]);
    // The same region: nothing to say.
    expect(dryRun("001-songjiang-report-2024.txt", "松江区").warnings).toEqual(plain.warnings);
  });

  it("gives a report that names no region the one from --region, without a warning", () => {
    const text =
      "2021年,在区委、区政府的坚强领导下,全面推进依法行政。现将有关情况报告如下。\n一、主要举措和成效\n全年审核行政规范性文件9件。";
    const plain = toDryRun(parseDocumentText(text));
    expect((plain.documents[0] as DryRunReport).region).toBeNull();
    const named = toDryRun(parseDocumentText(text), { region: "怀柔区" });
    expect((named.documents[0] as DryRunReport).region).toBe("怀柔区");
    expect(named.warnings).toEqual(plain.warnings);
  });

  it("read as a plan by choice (--kind plan), prose with no numbered item says no measure was found", () => {
    const result = toDryRun(parseDocumentText("今天天气很好。\n我们去公园散步。", { kind: "plans" }));
    expect(result.documents).toEqual([]);
    expect(result.warnings).toContainEqual({ line: 1, message: "按规划读取:文件中没有找到任何举措(编号的条目)" });
  });

  it("says nothing of missing measures when the plan has them", () => {
    const result = dryRun("000-baoshan-plan.txt");
    expect(result.warnings.map((w) => w.message)).not.toContain("按规划读取:文件中没有找到任何举措(编号的条目)");
  });

  it("prints no document for text that is neither a plan nor a report, with the parser's warnings", () => {
    const result = toDryRun(parseDocumentText("今天天气很好。\n我们去公园散步。"));
    expect(result.documents).toEqual([]);
    expect(result.warnings.length).toBeGreaterThan(0);
  });
});
