import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";
import { previewPlanImport } from "@/lib/plans/actions.ts";
import { actAs } from "../support/acting.ts";

// Issue 13: a text that is neither a plan nor a report is previewed as
// "unrecognised" with the reason, writes nothing, and is read as the kind the
// user chooses by hand.
const sample = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/import", name), "utf8");

let xialu: { id: number };
beforeEach(async () => {
  await seedDemoData(db(), { plans: false });
  xialu = await db().region.findUniqueOrThrow({ where: { code: "420204" } });
  await actAs(await db().user.findUniqueOrThrow({ where: { login: "xialu.bureau" } }));
});

function pasted(text: string, kind?: string) {
  const form = new FormData();
  form.set("regionId", String(xialu.id));
  form.set("text", text);
  if (kind !== undefined) form.set("kind", kind);
  return form;
}

async function counts() {
  const [plans, measures, units, groups, reports, audits] = await Promise.all([
    db().plan.count(),
    db().measure.count(),
    db().unit.count(),
    db().unitGroup.count(),
    db().annualReport.count(),
    db().auditEvent.count(),
  ]);
  return { plans, measures, units, groups, reports, audits };
}

describe("previewPlanImport on text that is neither a plan nor a report", () => {
  it.each(["news-item.txt", "policy-interpretation.txt", "report-writing-guideline.txt"])(
    "%s: says 未识别为规划或年度报告 with the reason, and writes nothing",
    async (name) => {
      const before = await counts();
      const result = await previewPlanImport(pasted(sample(name)));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.message).toContain("未识别为规划或年度报告");
      const { document, reconciliation } = result.data;
      expect(document.kind).toBe("unrecognised");
      if (document.kind !== "unrecognised") return;
      expect(document.reason).not.toBe("");
      expect(document.warnings).toContainEqual({ line: 1, message: `未识别为规划或年度报告:${document.reason}` });
      expect(reconciliation).toEqual([]);
      expect(await counts()).toEqual(before);
    },
  );

  it.each([
    ["plan-site-menu.txt", "南屏区法治政府建设实施方案(2023—2025年)", 4],
    ["plan-related-news.txt", "北岭区法治政府建设实施方案(2023—2025年)", 3],
  ])("%s: a plan under a site's menu or related-news links previews as the plan", async (name, title, measures) => {
    const result = await previewPlanImport(pasted(sample(name)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { document } = result.data;
    expect(document.kind).toBe("plans");
    if (document.kind !== "plans") return;
    expect(document.plans.map((p) => [p.title, p.measures.length])).toEqual([[title, measures]]);
  });

  it("reads the news item as a plan when the user chooses 按规划导入, still writing nothing", async () => {
    const before = await counts();
    const result = await previewPlanImport(pasted(sample("news-item.txt"), "plans"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { document, reconciliation } = result.data;
    expect(document.kind).toBe("plans");
    if (document.kind !== "plans") return;
    expect(document.plans[0]!.measures.map((m) => m.text)).toEqual([
      "全面推行行政执法公示制度,做到执法信息及时公开。",
      "加强行政规范性文件合法性审核,做到应审尽审。",
      "开展法治政府建设示范创建活动,年内形成一批典型经验。",
    ]);
    expect(reconciliation.map((r) => r.name)).toContain("区司法局");
    expect(await counts()).toEqual(before);
  });

  it("reads the writing guideline as a report when the user chooses 按年度报告导入", async () => {
    const result = await previewPlanImport(pasted(sample("report-writing-guideline.txt"), "annualReport"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.document.kind).toBe("annualReport");
  });

  it("prose with nothing numbered and no report shape is refused with the reason, and can still be read as a report", async () => {
    const prose = "这是一段普通的文字。\n没有任何编号和章节。";
    const before = await counts();
    const refused = await previewPlanImport(pasted(prose));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.message).toMatch(/^未识别为规划或年度报告:文件中没有找到任何举措/);
    expect(refused.fieldErrors?.kind).toEqual(["请选择按规划或按年度报告导入"]);
    // The wizard shows the reason under its own heading: it comes as data, not cut out of the message.
    expect(refused.detail).toMatch(/^文件中没有找到任何举措/);
    expect(refused.message).toBe(`未识别为规划或年度报告:${refused.detail}`);
    const asPlan = await previewPlanImport(pasted(prose, "plans"));
    expect(!asPlan.ok && asPlan.message).toContain("文件中没有找到任何举措");
    const asReport = await previewPlanImport(pasted(prose, "annualReport"));
    expect(
      asReport.ok && asReport.data.document.kind === "annualReport" && asReport.data.document.report.sections.map((s) => s.heading),
    ).toEqual(["概述"]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a kind that is neither, in Chinese", async () => {
    const result = await previewPlanImport(pasted(sample("news-item.txt"), "news"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.kind).toEqual(["请选择按规划或按年度报告导入"]);
  });
});
