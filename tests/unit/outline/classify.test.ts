import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import type { ParsedPlan } from "@/lib/import/types.ts";
import { OUTLINE_AREA_CODES, OUTLINE_AREA_NAMES, type OutlineAreaCode } from "@/lib/outline/areas.ts";
import { classifySectionTitle, resolveSectionAreas } from "@/lib/outline/classify.ts";

function plansOf(file: string): ParsedPlan[] {
  const text = fs.readFileSync(path.resolve(import.meta.dirname, "../../fixtures/seeds", file), "utf8");
  const document = parseDocumentText(text);
  if (document.kind !== "plans") throw new Error(`${file} did not parse as plans`);
  return document.plans;
}

const SEEDS = {
  "000": plansOf("000-baoshan-plan.txt"),
  "002": plansOf("002-huairou-action-plan.txt"),
  "004": plansOf("004-xialu-division.txt"),
};

type Expected = [heading: string, area: OutlineAreaCode | null];

// Every top-level and second-level chapter of the seed plans, in document
// order, with the area a reader of the national outline would file it under.
// A heading is matched as a prefix of label + title (Huairou's 一、(一)–(三)
// run on into their paragraphs).
const EXPECTED: Record<keyof typeof SEEDS, Expected[][]> = {
  "000": [
    [
      ["一、深入学习贯彻习近平法治思想,努力实现法治政府建设率先突破", "GUIDING"],
      ["二、健全高效便民、重心下沉的政府机构职能体系", "FUNCTIONS"],
      // 营商环境, 放管服, 包容审慎监管: the outline's 持续优化法治化营商环境.
      ["三、健全服务大局、优化环境的法治保障体系", "FUNCTIONS"],
      ["四、健全科学民主、程序规范的行政决策体系", "DECISIONS"],
      ["五、健全严格规范、公正文明的行政执法体系", "ENFORCEMENT"],
      ["六、健全依法处置、联防联控的突发事件应对体系", "EMERGENCIES"],
      // Mostly 调解, 行政裁决, 复议, 信访: the outline's chapter on disputes.
      ["七、健全社会协同、多元化解的社会治理体系", "DISPUTES"],
      ["八、健全便捷高效、均等普惠的公共法律服务体系", "SOCIETY"],
      ["九、健全全面规范、透明运行的行政权力监督体系", "OVERSIGHT"],
      ["十、健全科技赋能、数据共享的法治政府科技保障体系", "TECHNOLOGY"],
      ["十一、坚持党的领导,完善规划实施的制度保障", "LEADERSHIP"],
    ],
  ],
  "002": [
    [
      ["一、深入学习贯彻习近平法治思想,努力实现法治政府建设全面突破", "GUIDING"],
      ["(一)指导思想。", "GUIDING"],
      ["(二)主要原则。", "GUIDING"],
      ["(三)总体目标。", "GUIDING"],
      // Only a frame for the chapters below, which carry their own areas.
      ["二、主要任务和具体措施", null],
      ["(一)落实政府机构职责,更好发挥政府职能作用", "FUNCTIONS"],
      ["(二)健全依法决策制度,加快推进行政决策规范化法治化", "DECISIONS"],
      ["(三)健全行政执法工作体系,做到严格规范公正文明执法", "ENFORCEMENT"],
      ["(四)健全完善矛盾预防化解机制,有力维护社会和谐稳定", "DISPUTES"],
      ["(五)健全完善制约监督体系,促进行政权力规范透明运行", "OVERSIGHT"],
      ["(六)全面加强党的领导,筑牢法治政府建设根基和保障", "LEADERSHIP"],
      // The closing chapter (组织实施 in substance) names no area in its title;
      // the bureau files it by hand if it wants it counted.
      ["三、以高度的使命感、责任感、紧迫感,高质量履行基本建成法治政府的神圣使命", null],
    ],
  ],
  "004": [
    [
      ["一、全面贯彻实施宪法,坚定维护宪法尊严和权威", "SOCIETY"],
      // The whole outline in one chapter: no single area fits.
      ["二、坚持依法行政,全面建设法治政府", null],
      ["三、持续深化司法体制改革,全面提升司法公信力", "JUSTICE"],
      ["四、深入推进全民守法,加快建设法治社会", "SOCIETY"],
      ["五、健全法治监督体系,强化权力运行制约和监督", "OVERSIGHT"],
      ["六、加强党的领导,夯实全面依法治市工作基础", "LEADERSHIP"],
    ],
    [
      ["一、健全政府机构职能体系", "FUNCTIONS"],
      ["二、健全依法行政制度体系", "RULES"],
      ["三、完善行政决策制度体系", "DECISIONS"],
      ["四、严格规范公正文明执法", "ENFORCEMENT"],
      ["五、完善突发事件应急管理机制", "EMERGENCIES"],
      ["六、加强社会矛盾纠纷行政预防调处化解", "DISPUTES"],
      ["七、强化行政权力制约监督", "OVERSIGHT"],
      ["八、加快数字法治政府建设", "TECHNOLOGY"],
      ["九、全面提高政府工作人员法治思维和依法行政能力", "LEADERSHIP"],
    ],
    [
      ["一、推动全社会增强法治观念", "SOCIETY"],
      ["二、健全社会领域制度规范", "SOCIETY"],
      ["三、加强权利保护", "SOCIETY"],
      ["四、推进社会治理法治化", "SOCIETY"],
      ["五、依法治理网络空间", "SOCIETY"],
    ],
  ],
};

/** A plan's sections at depth 0 and 1, in document order. */
function upperSections(plan: ParsedPlan) {
  const topKeys = new Set(plan.sections.filter((s) => s.parentKey === null).map((s) => s.key));
  return plan.sections.filter((s) => s.parentKey === null || topKeys.has(s.parentKey));
}

const rows = Object.entries(EXPECTED).flatMap(([seed, plans]) =>
  plans.flatMap((expected, planIndex) => {
    const sections = upperSections(SEEDS[seed as keyof typeof SEEDS][planIndex]!);
    return expected.map(([heading, area], i) => ({ seed, planIndex, heading, area, section: sections[i] }));
  }),
);

describe("the seed plans' chapters", () => {
  it.each(Object.entries(EXPECTED).flatMap(([seed, plans]) => plans.map((expected, planIndex) => [seed, planIndex, expected] as const)))(
    "seed %s plan %i: the table lists every top-level and second-level chapter",
    (seed, planIndex, expected) => {
      const plan = SEEDS[seed as keyof typeof SEEDS][planIndex]!;
      const listed = upperSections(plan).map((s) => `${s.label}${s.title}`);
      expect(listed).toHaveLength(expected.length);
      listed.forEach((heading, i) => expect(heading.startsWith(expected[i]![0]), `${heading} ≠ ${expected[i]![0]}`).toBe(true));
    },
  );

  it.each(rows)("seed $seed: $heading → $area", ({ section, area }) => {
    expect(section).toBeDefined();
    expect(classifySectionTitle(section!.title)).toBe(area);
  });

  it("between them the seed chapters reach all twelve areas", () => {
    const seen = new Set(rows.map((r) => r.area).filter(Boolean));
    expect([...seen].sort()).toEqual([...OUTLINE_AREA_CODES].sort());
  });
});

describe("classifySectionTitle", () => {
  it.each<[string, OutlineAreaCode | null]>([
    // The national outline's own chapter headings.
    ["深入学习贯彻习近平法治思想，努力实现法治政府建设全面突破", "GUIDING"],
    ["健全政府机构职能体系，推动更好发挥政府作用", "FUNCTIONS"],
    ["健全依法行政制度体系，加快推进政府治理规范化程序化法治化", "RULES"],
    ["健全行政决策制度体系，不断提升行政决策公信力和执行力", "DECISIONS"],
    ["健全行政执法工作体系，全面推进严格规范公正文明执法", "ENFORCEMENT"],
    ["健全突发事件应对体系，依法预防处置重大突发事件", "EMERGENCIES"],
    ["健全社会矛盾纠纷行政预防调处化解体系，不断促进社会公平正义", "DISPUTES"],
    ["健全行政权力制约和监督体系，促进行政权力规范透明运行", "OVERSIGHT"],
    ["健全法治政府建设科技保障体系，全面建设数字法治政府", "TECHNOLOGY"],
    ["加强党的领导，完善法治政府建设推进机制", "LEADERSHIP"],
    // Where two areas are named, the rule order decides.
    ["加强行政规范性文件制定监督管理", "RULES"],
    ["加强对行政执法制约和监督", "OVERSIGHT"],
    ["强化行政执法监督", "OVERSIGHT"],
    ["深入推进“互联网+”监管执法", "TECHNOLOGY"],
    ["提升应急法治服务保障能力", "EMERGENCIES"],
    ["发挥行政复议化解行政争议主渠道作用", "DISPUTES"],
    ["加强和规范行政应诉工作", "DISPUTES"],
    ["全面主动落实政务公开", "OVERSIGHT"],
    ["加强行政执法队伍建设", "ENFORCEMENT"],
    ["加强政府法治机构和队伍建设", "LEADERSHIP"],
    ["做实法律援助和国家司法救助工作", "SOCIETY"],
    ["深化司法体制改革", "JUSTICE"],
    ["严格落实重大行政决策程序", "DECISIONS"],
    ["强化落实行政立法相关责任", "RULES"],
    ["深化行政审批制度改革", "FUNCTIONS"],
    ["深入推进“放管服”改革", "FUNCTIONS"],
    ["持续优化法治化营商环境", "FUNCTIONS"],
    ["组织保障", "LEADERSHIP"],
    ["完善法治政府建设推进机制", "LEADERSHIP"],
    ["总体要求", "GUIDING"],
    ["依法治理网络空间", "SOCIETY"],
    ["深入开展法治宣传教育,推进全民普法", "SOCIETY"],
    // The heading ends at the first 。; the paragraph after it does not count.
    ["(三)总体目标。到2025年,突发事件应对能力显著增强", "GUIDING"],
    ["推进法治乡村建设。完善行政执法程序", "SOCIETY"],
    // Generic chapters and nothing at all.
    ["主要任务和具体措施", null],
    ["坚持依法行政，全面建设法治政府", null],
    ["附则", null],
    ["", null],
    ["。完善行政执法程序", null],
  ])("%s → %s", (title, area) => {
    expect(classifySectionTitle(title)).toBe(area);
  });
});

describe("resolveSectionAreas", () => {
  it("a section without its own area takes its nearest ancestor's; one with its own keeps it", () => {
    const plan = SEEDS["002"][0]!;
    const areas = resolveSectionAreas(plan.sections);
    const byTitle = (start: string) => {
      const section = plan.sections.find((s) => s.title.startsWith(start));
      if (!section) throw new Error(start);
      return areas.get(section.key);
    };
    expect(byTitle("主要任务和具体措施")).toBeNull();
    expect(byTitle("落实政府机构职责")).toBe("FUNCTIONS");
    expect(byTitle("大力提升科学城统领")).toBe("FUNCTIONS"); // inherited from (一)
    expect(byTitle("提升应急法治服务保障能力")).toBe("EMERGENCIES"); // its own, under (一)
    expect(byTitle("全面优化政务公开体系")).toBe("OVERSIGHT");
    expect(byTitle("强化行政规范性文件管理")).toBe("RULES"); // under (二) DECISIONS
    expect(byTitle("强化基层法治力量保障")).toBe("LEADERSHIP"); // inherited from (六)
    expect(areas.size).toBe(plan.sections.length);
  });

  it.each<[string, { key: string; parentKey: string | null; title: string }[], Record<string, OutlineAreaCode | null>]>([
    [
      "grandchildren inherit through a parent that inherits",
      [
        { key: "a", parentKey: null, title: "严格规范公正文明执法" },
        { key: "b", parentKey: "a", title: "第一部分" },
        { key: "c", parentKey: "b", title: "具体任务" },
      ],
      { a: "ENFORCEMENT", b: "ENFORCEMENT", c: "ENFORCEMENT" },
    ],
    [
      "children listed before their parent",
      [
        { key: "c", parentKey: "p", title: "具体任务" },
        { key: "p", parentKey: null, title: "加快数字法治政府建设" },
      ],
      { c: "TECHNOLOGY", p: "TECHNOLOGY" },
    ],
    ["a parent key that names no section", [{ key: "x", parentKey: "missing", title: "具体任务" }], { x: null }],
    [
      "a loop of parents ends with null",
      [
        { key: "a", parentKey: "b", title: "其他" },
        { key: "b", parentKey: "a", title: "其他" },
        { key: "c", parentKey: "a", title: "加强权利保护" },
      ],
      { a: null, b: null, c: "SOCIETY" },
    ],
  ])("%s", (_case, sections, expected) => {
    expect(Object.fromEntries(resolveSectionAreas(sections))).toEqual(expected);
  });

  it("gives at least 90% of the seed plans' measures an area", () => {
    const unmapped: string[] = [];
    let total = 0;
    for (const [seed, plans] of Object.entries(SEEDS)) {
      for (const plan of plans) {
        const areas = resolveSectionAreas(plan.sections);
        const sections = new Map(plan.sections.map((s) => [s.key, s]));
        for (const measure of plan.measures) {
          total++;
          if (measure.sectionKey && areas.get(measure.sectionKey)) continue;
          const section = measure.sectionKey ? sections.get(measure.sectionKey) : undefined;
          unmapped.push(
            `${seed} ${plan.title.slice(0, 12)}… ${measure.code} (${section ? `${section.label}${section.title.slice(0, 20)}` : "无章节"})`,
          );
        }
      }
    }
    console.log(`${unmapped.length} of ${total} measures without an area:\n  ${unmapped.join("\n  ")}`);
    expect(total).toBe(58 + 87 + 50 + 32 + 56);
    expect(unmapped.length / total).toBeLessThanOrEqual(0.1);
  });
});

describe("OUTLINE_AREA_NAMES", () => {
  it("names every code, each differently", () => {
    expect(Object.keys(OUTLINE_AREA_NAMES)).toEqual([...OUTLINE_AREA_CODES]);
    expect(new Set(Object.values(OUTLINE_AREA_NAMES)).size).toBe(OUTLINE_AREA_CODES.length);
  });
});
