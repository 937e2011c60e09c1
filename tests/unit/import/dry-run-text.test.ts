import { describe, expect, it } from "vitest";
import { describeDryRun } from "@/lib/import/dry-run-text.ts";
import type { DryRun } from "@/lib/import/dry-run.ts";

const measure = (code: string, lead: string[], deadline: unknown) => ({
  code,
  section: "一、主要任务",
  text: `举措${code}`,
  lead,
  responsible: [],
  deadline: deadline as { text: string; date: string | null; ongoing: boolean } | null,
});

describe("describeDryRun", () => {
  it("counts a plan's measures by deadline and lead, then lists every warning with its line", () => {
    const dryRun: DryRun = {
      documents: [
        {
          kind: "plan",
          title: "某区法治政府建设实施方案",
          region: "河西区",
          sections: [{ label: "一、", title: "主要任务", level: 1 }],
          measures: [
            measure("1", ["区司法局"], { text: "2023年底前", date: "2023-12-31", ongoing: false }),
            measure("2", ["区司法局"], { text: "长期坚持", date: null, ongoing: true }),
            measure("3", [], null),
          ],
        },
      ],
      warnings: [{ line: 7, message: "举措 3 未找到牵头单位" }],
    };
    expect(describeDryRun(dryRun)).toEqual([
      "规划“某区法治政府建设实施方案”(河西区)",
      "  章节 1 个,举措 3 项",
      "  完成时限:有日期 1 项,长期坚持 1 项,未写明 1 项",
      "  未写明牵头单位的举措 1 项",
      "提示 1 条:",
      "  第 7 行:举措 3 未找到牵头单位",
      "(试运行,未写入任何内容;加 --json 输出 JSON)",
    ]);
  });

  it("names a report's region, year and parts; says when nothing was recognised", () => {
    expect(
      describeDryRun({
        documents: [
          {
            kind: "annual-report",
            title: "河西区2021年法治政府建设年度报告",
            region: "河西区",
            year: 2021,
            sections: [{ title: "一、主要举措和成效", text: "…" }],
          },
        ],
        warnings: [],
      }).slice(0, 3),
    ).toEqual(["年度报告“河西区2021年法治政府建设年度报告”(河西区,2021 年)", "  部分 1 个:一、主要举措和成效", "没有需要核对的提示。"]);
    expect(describeDryRun({ documents: [], warnings: [{ line: 1, message: "未识别为规划或年度报告:像新闻报道" }] })).toEqual([
      "未识别出规划或年度报告,未列出任何文件内容。",
      "提示 1 条:",
      "  第 1 行:未识别为规划或年度报告:像新闻报道",
      "(试运行,未写入任何内容;加 --json 输出 JSON)",
    ]);
  });
});
