import { describe, expect, it } from "vitest";
import { annotation } from "./support.ts";
import { parseAnnotation, readAnnotation, splitTrailingAnnotation, type UnitAnnotation } from "@/lib/import/unit-annotation.ts";
import { isPlausibleUnitName } from "@/lib/import/unit-list.ts";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";

// Issue 13: roles mixed inside one bracket, role phrases glued to the last
// unit, and brackets whose "unit names" are really sentences. Input is
// normalised text (half-width : ; , ( )).

describe("mixed roles inside one bracket, without separate labels", () => {
  it.each<[string, Partial<UnitAnnotation>]>([
    // Role words inside a labelled value override the label.
    ["责任单位:区司法局、区财政局牵头,区民政局负责", { lead: ["区司法局", "区财政局"], responsible: ["区民政局"] }],
    ["责任单位:区司法局牵头,区民政局、区人社局配合", { lead: ["区司法局"], responsible: ["区民政局", "区人社局"] }],
    ["牵头单位:区司法局牵头负责", { lead: ["区司法局"] }],
    ["牵头单位:区司法局;责任单位:区财政局配合", { lead: ["区司法局"], responsible: ["区财政局"] }],
    ["牵头单位、责任单位:区司法局牵头,各部门按职责分工负责", { lead: ["区司法局"], responsible: ["各部门"] }],
    // Without a role word the label decides, as before.
    ["责任单位:区司法局、区财政局", { responsible: ["区司法局", "区财政局"] }],
    ["牵头单位:区司法局负责", { lead: ["区司法局"] }],
    ["责任单位:区司法局负责", { responsible: ["区司法局"] }],
    // The central style.
    ["区司法局牵头负责", { lead: ["区司法局"] }],
    ["区司法局牵头,区民政局、区财政局配合", { lead: ["区司法局"], responsible: ["区民政局", "区财政局"] }],
    // Roles separated by 、 only.
    ["区司法局牵头、区财政局配合", { lead: ["区司法局"], responsible: ["区财政局"] }],
    ["区委政法委、区司法局共同牵头,区法院、区检察院协助", { lead: ["区委政法委", "区司法局"], responsible: ["区法院", "区检察院"] }],
    // A later clause of a labelled value may be the deadline.
    [
      "责任单位:区司法局牵头,区财政局配合,2023年底前完成",
      { lead: ["区司法局"], responsible: ["区财政局"], deadlineText: "2023年底前完成" },
    ],
    ["牵头单位:区司法局,长期坚持", { lead: ["区司法局"], deadlineText: "长期坚持" }],
  ])("%s", (text, fields) => {
    expect(parseAnnotation(text)).toEqual(annotation(fields));
  });
});

describe("role phrases glued to the last unit are stripped and mapped to the role", () => {
  it.each<[string, Partial<UnitAnnotation>]>([
    [
      "区司法局牵头,区发展改革委、各乡镇人民政府按职责分工分别负责",
      { lead: ["区司法局"], responsible: ["区发展改革委", "各乡镇人民政府"] },
    ],
    ["区司法局牵头,各乡镇人民政府分别负责", { lead: ["区司法局"], responsible: ["各乡镇人民政府"] }],
    ["区司法局牵头,各乡镇人民政府按职责分别负责", { lead: ["区司法局"], responsible: ["各乡镇人民政府"] }],
    ["区司法局牵头,各部门按照职责分工负责", { lead: ["区司法局"], responsible: ["各部门"] }],
    ["区司法局牵头,各部门按各自职责负责", { lead: ["区司法局"], responsible: ["各部门"] }],
    ["区司法局牵头,区财政局配合落实", { lead: ["区司法局"], responsible: ["区财政局"] }],
    [
      "牵头单位:区司法局;责任单位:区发展改革委、各乡镇人民政府按职责分工分别负责",
      { lead: ["区司法局"], responsible: ["区发展改革委", "各乡镇人民政府"] },
    ],
    ["责任单位:区财政局、区商务局等部门配合", { responsible: ["区财政局", "区商务局"], incomplete: true }],
    ["责任单位:各乡镇人民政府按职责分工负责", { responsible: ["各乡镇人民政府"] }],
    ["配合单位:区民政局配合", { responsible: ["区民政局"] }],
    ["区司法局牵头抓总,各部门分头负责", { lead: ["区司法局"], responsible: ["各部门"] }],
    ["区司法局牵头,各部门按照职能职责分工负责", { lead: ["区司法局"], responsible: ["各部门"] }],
    ["区司法局牵头,各乡镇按照职责分工抓好落实", { lead: ["区司法局"], responsible: ["各乡镇"] }],
    // A bracketed (牵头) after a name in a list.
    ["责任单位:区司法局(牵头)、区财政局", { lead: ["区司法局"], responsible: ["区财政局"] }],
    ["牵头单位:区委宣传部、区司法局(牵头)", { lead: ["区委宣传部", "区司法局"] }],
  ])("%s", (text, fields) => {
    expect(parseAnnotation(text)).toEqual(annotation(fields));
  });
});

describe("a unit name never holds sentence punctuation nor runs past 30 characters", () => {
  it.each<[string, boolean]>([
    ["区司法局", true],
    ["各县(市、区)人民政府", true],
    ["中共某某区委全面依法治区委员会办公室", true],
    ["区人民政府办公室(区政府外事办公室、区政府港澳事务办公室)", true],
    ["做到应审尽审。开展集中清理", false],
    ["区司法局;区财政局", false],
    ["确保取得实效!", false],
    ["是否到位?", false],
    ["责任单位:区财政局", false],
    ["“谁执法谁普法”责任单位", false],
    ["各部门按照本方案要求结合实际认真抓好贯彻落实并及时报送工作进展情况", false],
  ])("%s → %s", (name, plausible) => {
    expect(isPlausibleUnitName(name)).toBe(plausible);
  });

  it.each([
    "责任单位:区司法局、各部门。全面推行行政规范性文件统一登记、统一编号、统一公布,做到应审尽审",
    "牵头单位:区司法局;责任单位:各部门按照本方案要求结合实际认真抓好贯彻落实并及时报送工作进展情况",
    "区司法局牵头,“枫桥式”司法所创建单位配合",
    // Roles, then a sentence: an annotation that ran on, not a plain aside.
    "区司法局牵头,加强宣传",
  ])("%s is an annotation whose units cannot be read", (content) => {
    expect(readAnnotation(content)).toEqual({ annotation: null, unreadable: true });
    expect(parseAnnotation(content)).toBeNull();
  });

  it.each(["试行", "2021-2025年", "沪司发〔2021〕108号", "各镇街负责组织实施,做好宣传"])("%s is no annotation at all", (content) => {
    expect(readAnnotation(content)).toEqual({ annotation: null, unreadable: false });
  });

  it("keeps an unreadable trailing annotation in the text, flagged", () => {
    const input = "健全审核机制。(责任单位:区司法局、各部门。全面推行统一登记、统一编号,做到应审尽审)";
    expect(splitTrailingAnnotation(input)).toEqual({ text: input, annotation: null, unreadable: true });
  });
});

describe("role phrases glued to the last unit of a table cell", () => {
  const { plans, warnings } = parsePlans(
    normaliseLines(`某区法治政府建设重点任务分工方案
序号
重点任务
牵头单位
责任单位
完成时限
1
完善规范性文件合法性审核机制
区司法局牵头
区发展改革委、各乡镇人民政府按职责分工分别负责
2022年底前
2
推进行政执法公示制度
区司法局
区财政局配合
长期坚持
3
开展法治宣传教育
区委宣传部
区司法局牵头,区教育局、区民政局配合
2023年6月底前
`),
  );

  it("strips the phrase and maps it to its role", () => {
    expect(plans).toHaveLength(1);
    expect(
      plans[0]!.measures.map((m) => ({
        code: m.code,
        lead: m.leadUnits,
        responsible: m.responsibleUnits,
        deadline: m.deadline?.text ?? null,
      })),
    ).toEqual([
      { code: "1", lead: ["区司法局"], responsible: ["区发展改革委", "各乡镇人民政府"], deadline: "2022年底前" },
      { code: "2", lead: ["区司法局"], responsible: ["区财政局"], deadline: "长期坚持" },
      { code: "3", lead: ["区委宣传部", "区司法局"], responsible: ["区教育局", "区民政局"], deadline: "2023年6月底前" },
    ]);
    expect(warnings).toEqual([]);
  });
});
