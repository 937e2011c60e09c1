import { describe, expect, it } from "vitest";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";
import { readSeed } from "./seeds.ts";

const parse = (name: Parameters<typeof readSeed>[0]) => parsePlans(normaliseLines(readSeed(name)));

describe("004 下陆区 division of labour (a table flattened to lines, three plans)", () => {
  const { plans, warnings } = parse("xialuDivision");

  it("gives three plans with 50, 32 and 56 measures", () => {
    expect(plans.map((p) => p.measures.length)).toEqual([50, 32, 56]);
    expect(plans.map((p) => p.title)).toEqual([
      "法治下陆建设规划(2021-2025年)重要举措分工方案",
      "下陆区法治政府建设实施方案(2021-2025年)重要举措分工方案",
      "下陆区法治社会建设实施方案(2021—2025年)重要举措分工方案",
    ]);
    expect(plans.every((p) => p.kind === "DIVISION_OF_LABOUR" && p.periodStart === 2021 && p.periodEnd === 2025)).toBe(true);
  });

  it("keeps chapters as sections", () => {
    expect(plans.map((p) => p.sections.length)).toEqual([6, 9, 5]);
    expect(plans[0]!.sections[0]).toMatchObject({ label: "一、", title: "全面贯彻实施宪法,坚定维护宪法尊严和权威" });
  });

  it("reads lead and responsible units from the lines after each measure", () => {
    expect(plans[0]!.measures[0]).toMatchObject({
      code: "1",
      leadUnits: ["区人大常委会", "区司法局"],
      responsibleUnits: ["区直有关部门"],
    });
    expect(plans[0]!.measures[2]).toMatchObject({
      leadUnits: ["区委宣传部", "区委组织部"],
      responsibleUnits: ["区司法局", "各单位党委(党组)"],
    });
  });

  it("measure 52 of the first plan has lead 区司法局 and no responsible unit", () => {
    const measure = plans[0]!.measures.find((m) => m.code === "52");
    expect(measure).toMatchObject({ leadUnits: ["区司法局"], responsibleUnits: [] });
  });

  it("warns about the numbering gap after 5", () => {
    expect(warnings.some((w) => /编号不连续:5 之后是 11/.test(w.message))).toBe(true);
  });
});

describe("002 怀柔区 action plan (inline parentheses, hard-wrapped)", () => {
  const { plans } = parse("huairouPlan");
  const plan = plans[0]!;

  it("gives one plan of 87 measures, 52 of them ongoing", () => {
    expect(plans).toHaveLength(1);
    expect(plan.measures).toHaveLength(87);
    expect(plan.measures.filter((m) => m.deadline?.ongoing)).toHaveLength(52);
    expect(plan).toMatchObject({
      title: "“十四五”时期怀柔区法治政府建设行动计划",
      kind: "ACTION_PLAN",
      periodStart: 2021,
      periodEnd: 2025,
      documentNumber: "京怀发〔2021〕25号",
      issueDate: "2021-12-24",
    });
  });

  it("measure 1.1 is led by 区委编办、区政务服务局、区司法局 and due 2023-12-31", () => {
    expect(plan.measures[0]).toMatchObject({
      code: "1.1",
      leadUnits: ["区委编办", "区政务服务局", "区司法局"],
      responsibleUnits: ["各单位", "各部门", "各镇乡街道"],
      deadline: { date: "2023-12-31", ongoing: false },
    });
  });

  it("reads the combined 牵头单位、责任单位 label as lead units", () => {
    const measure = plan.measures.find((m) => m.code === "3.5");
    expect(measure).toMatchObject({ leadUnits: ["各重点领域监管单位"], deadline: { ongoing: true } });
  });

  it("nests tasks 1. under sub-chapters (一) under chapters 二、, and a task with units is itself a measure", () => {
    const path = (key: string | null): string[] => {
      const section = plan.sections.find((s) => s.key === key);
      return section ? [...path(section.parentKey), `${section.label}${section.title}`] : [];
    };
    expect(path(plan.measures[0]!.sectionKey)).toEqual([
      "二、主要任务和具体措施",
      "(一)落实政府机构职责,更好发挥政府职能作用",
      "1.推进政府机构职能优化协同高效",
    ]);
    const task13 = plan.measures.find((m) => m.code === "13")!;
    expect(task13).toMatchObject({ leadUnits: ["区司法局"], deadline: { ongoing: true } });
    expect(path(task13.sectionKey)).toEqual(["二、主要任务和具体措施", "(三)健全行政执法工作体系,做到严格规范公正文明执法"]);
  });

  it("every measure has a lead unit and a deadline", () => {
    expect(plan.measures.filter((m) => m.leadUnits.length === 0).map((m) => m.code)).toEqual([]);
    expect(plan.measures.filter((m) => !m.deadline).map((m) => m.code)).toEqual([]);
  });
});

describe("000 宝山区 plan (numbered paragraphs, deadlines inside sentences)", () => {
  const { plans } = parse("baoshanPlan");
  const plan = plans[0]!;

  it("gives its eleven chapters and items (一)…(五十八)", () => {
    expect(plan.sections.map((s) => s.label)).toEqual([
      "一、",
      "二、",
      "三、",
      "四、",
      "五、",
      "六、",
      "七、",
      "八、",
      "九、",
      "十、",
      "十一、",
    ]);
    expect(plan.measures).toHaveLength(58);
    expect(plan.measures[0]!.code).toBe("(一)");
    expect(plan.measures.at(-1)!.code).toBe("(五十八)");
  });

  it("(九) is due 2022-12-31, found inside its sentence", () => {
    expect(plan.measures.find((m) => m.code === "(九)")!.deadline).toEqual({
      text: "2022年年底前",
      date: "2022-12-31",
      ongoing: false,
    });
  });

  it("has no units, and does not pretend to", () => {
    expect(plan.measures.every((m) => m.leadUnits.length === 0)).toBe(true);
    expect(plan.title).toBe("宝山区全面推进法治政府建设“十四五”规划");
  });
});
