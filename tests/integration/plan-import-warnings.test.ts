import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";
import { previewPlanImport } from "@/lib/plans/actions.ts";
import { actAs } from "../support/acting.ts";

// The preview tells the clerk what to check before committing: deadlines
// already past on the day of the import, a plan period the title did not
// give, a plan that names no unit. The wizard lists document.warnings.

let xialu: { id: number };
beforeEach(async () => {
  await seedDemoData(db(), { plans: false });
  xialu = await db().region.findUniqueOrThrow({ where: { code: "420204" } });
  await actAs(await db().user.findUniqueOrThrow({ where: { login: "xialu.bureau" } }));
});

async function preview(text: string) {
  const form = new FormData();
  form.set("regionId", String(xialu.id));
  form.set("text", text);
  const result = await previewPlanImport(form);
  if (!result.ok) throw new Error(result.message);
  return result.data.document.warnings.map((w) => `${w.line} ${w.message}`);
}

describe("previewPlanImport warns a clerk", () => {
  it("about a past deadline, a missing plan period and a plan naming no unit, and writes nothing", async () => {
    const plansBefore = await db().plan.count();
    const warnings = await preview(`某区法治政府建设工作方案
一、推进依法行政
1.2019年底前完成规范性文件清理。
2.2099年底前建成数字法治政府。
3.推进政务公开,长期坚持。
`);
    expect(warnings).toEqual([
      "2 规划“某区法治政府建设工作方案”未能从标题识别规划期(如2021—2025年),请在核对时填写",
      "2 规划“某区法治政府建设工作方案”的 3 项举措都没有写明牵头单位,请在核对时为每项举措指定牵头单位",
      "3 举措 1 的完成时限(2019年底前)已过,请核对是否已完成或需调整",
    ]);
    expect(await db().plan.count()).toBe(plansBefore);
  });

  it("about many past deadlines with one summary first, then each measure's own", async () => {
    const warnings = await preview(`某区法治政府建设实施方案(2018—2020年)
一、推进依法行政
${[1, 2, 3, 4, 5, 6].map((n) => `${n}.2019年底前完成第${n}批规范性文件清理。(区司法局牵头)`).join("\n")}
`);
    expect(warnings).toEqual([
      "2 规划“某区法治政府建设实施方案(2018—2020年)”有 6 项举措的完成时限已过(规划期 2018—2020 年已结束),请核对是否已完成或需调整;逐项提示见下",
      ...[1, 2, 3, 4, 5, 6].map((n) => `${n + 2} 举措 ${n} 的完成时限(2019年底前)已过,请核对是否已完成或需调整`),
    ]);
  });

  it("about a measure without a lead unit in a plan that names units, once, with the parser's own warnings", async () => {
    const warnings = await preview(`某区法治社会建设实施方案(2021—2025年)
一、推进全民普法
1.加强宪法学习宣传,2099年底前建成宪法主题公园。(区司法局牵头,各街道配合)
2.推进法治文化阵地建设。(各部门按职责分工负责)
`);
    expect(warnings).toEqual(["4 举措 2 未找到牵头单位"]);
  });
});
