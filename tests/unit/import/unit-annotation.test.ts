import { describe, expect, it } from "vitest";
import { annotation } from "./support.ts";
import {
  parseAnnotation,
  parseCentralStyle,
  parseLabelled,
  splitTrailingAnnotation,
  startsWithUnitLabel,
  type UnitAnnotation,
} from "@/lib/import/unit-annotation.ts";

// Input is normalised text: half-width : ; , ( ).

describe("parseLabelled", () => {
  it.each<[string, Partial<UnitAnnotation>]>([
    [
      "牵头单位:区委编办、区政务服务局、区司法局;责任单位:各单位、各部门、各镇乡街道;完成时限:2023 年",
      { lead: ["区委编办", "区政务服务局", "区司法局"], responsible: ["各单位", "各部门", "各镇乡街道"], deadlineText: "2023 年" },
    ],
    ["牵头单位:区司法局", { lead: ["区司法局"] }],
    ["牵头单位 : 区司法局", { lead: ["区司法局"] }],
    ["牵头部门:区发改局", { lead: ["区发改局"] }],
    ["牵头:区司法局", { lead: ["区司法局"] }],
    ["责任单位:区司法局、区信访局", { responsible: ["区司法局", "区信访局"] }],
    ["责任部门:区司法局", { responsible: ["区司法局"] }],
    ["配合单位:各街道办事处", { responsible: ["各街道办事处"] }],
    ["完成时限:2022年6月底前", { deadlineText: "2022年6月底前" }],
    ["完成时间:长期坚持", { deadlineText: "长期坚持" }],
    // Any order; the combined label and 责任主体 lead.
    ["责任单位:区财政局;牵头单位:区司法局", { lead: ["区司法局"], responsible: ["区财政局"] }],
    ["牵头单位、责任单位:各重点领域监管单位;完成时限:长期坚持", { lead: ["各重点领域监管单位"], deadlineText: "长期坚持" }],
    ["责任主体:区司法局", { lead: ["区司法局"] }],
    // Brackets in names, doubled separators, a trailing full stop.
    [
      "牵头单位:区发改局、、区市场监督管理局;责任单位:各县(市、区)人民政府。",
      { lead: ["区发改局", "区市场监督管理局"], responsible: ["各县(市、区)人民政府"] },
    ],
    // 等部门: the list names examples.
    [
      "牵头单位:区司法局;责任单位:区财政局、区商务局等部门",
      { lead: ["区司法局"], responsible: ["区财政局", "区商务局"], incomplete: true },
    ],
    // Text outside any label is reported, not dropped silently.
    ["按照要求 牵头单位:区司法局", { lead: ["区司法局"], unparsed: ["按照要求"] }],
    // After ";" without a label or a role word of its own, the role is a guess.
    ["牵头单位:区司法局;区财政局", { lead: ["区司法局"], unparsed: ["区财政局"] }],
  ])("%s", (text, fields) => {
    expect(parseLabelled(text)).toEqual(annotation(fields));
  });

  it.each(["区司法局牵头", "试行", "2021-2025年", ""])("%s has no label", (text) => {
    expect(parseLabelled(text)).toBeNull();
  });
});

describe("parseCentralStyle", () => {
  it.each<[string, Partial<UnitAnnotation>]>([
    ["区司法局、区发改局牵头,区直各部门按职责分工负责", { lead: ["区司法局", "区发改局"], responsible: ["区直各部门"] }],
    ["区政府办牵头", { lead: ["区政府办"] }],
    ["区司法局牵头负责", { lead: ["区司法局"] }],
    ["区司法局牵头,各部门配合", { lead: ["区司法局"], responsible: ["各部门"] }],
    ["区委政法委牵头;区法院、区检察院参与", { lead: ["区委政法委"], responsible: ["区法院", "区检察院"] }],
    ["区司法局牵头,各相关部门按职责分工落实", { lead: ["区司法局"], responsible: ["各相关部门"] }],
    ["区市场监管局、区发改局共同牵头", { lead: ["区市场监管局", "区发改局"] }],
    // Plainly 负责 with nobody leading: in charge, so the lead.
    ["区发改局负责", { lead: ["区发改局"] }],
    ["区司法局负责,区财政局配合", { lead: ["区司法局"], responsible: ["区财政局"] }],
    // 按职责分工负责 is distributive: responsible, not lead.
    ["区直各部门按职责分工负责", { responsible: ["区直各部门"] }],
    ["由区司法局牵头,区财政局等部门配合", { lead: ["区司法局"], responsible: ["区财政局"], incomplete: true }],
    ["区司法局牵头,2023年底前完成", { lead: ["区司法局"], deadlineText: "2023年底前完成" }],
    ["区司法局牵头,长期坚持", { lead: ["区司法局"], deadlineText: "长期坚持" }],
  ])("%s", (text, fields) => {
    expect(parseCentralStyle(text)).toEqual(annotation(fields));
  });

  it.each(["试行", "2021-2025年", "各区要抓好落实", "含负责人", "沪司发〔2021〕108号", "区司法局牵头,加强宣传"])(
    "%s is not an annotation",
    (text) => {
      expect(parseCentralStyle(text)).toBeNull();
    },
  );
});

describe("parseAnnotation", () => {
  it("tries labels first, then the central style", () => {
    expect(parseAnnotation("牵头单位:区司法局")).toEqual(annotation({ lead: ["区司法局"] }));
    expect(parseAnnotation("区司法局牵头,各部门配合")).toEqual(annotation({ lead: ["区司法局"], responsible: ["各部门"] }));
    expect(parseAnnotation("试行")).toBeNull();
  });
});

describe("startsWithUnitLabel", () => {
  it.each<[string, boolean]>([
    ["牵头单位:区司法局", true],
    ["责任部门 :区司法局", true],
    ["完成时限:2022年", true],
    ["区司法局牵头", false],
    ["1.牵头单位:区司法局", false],
  ])("%s → %s", (text, expected) => {
    expect(startsWithUnitLabel(text)).toBe(expected);
  });
});

describe("splitTrailingAnnotation", () => {
  it.each<[string, string, Partial<UnitAnnotation> | null]>([
    ["完善审查制度。(牵头单位:区司法局;责任单位:区政府办)", "完善审查制度。", { lead: ["区司法局"], responsible: ["区政府办"] }],
    ["加强宪法宣传。〔牵头单位:区司法局〕", "加强宪法宣传。", { lead: ["区司法局"] }],
    ["开展法律进社区活动。〔区司法局牵头,各部门配合〕", "开展法律进社区活动。", { lead: ["区司法局"], responsible: ["各部门"] }],
    // The sentence's full stop after the annotation stays with the text.
    [
      "推行年度目录管理(区司法局、区发改局牵头,区直各部门按职责分工负责)。",
      "推行年度目录管理。",
      { lead: ["区司法局", "区发改局"], responsible: ["区直各部门"] },
    ],
    ["加强政府信息公开平台建设。(区政府办牵头)", "加强政府信息公开平台建设。", { lead: ["区政府办"] }],
    ["加强平台建设。(区政府办牵头)。", "加强平台建设。", { lead: ["区政府办"] }],
    // Brackets inside the annotation.
    ["加强学习(牵头单位:各单位党委(党组))", "加强学习", { lead: ["各单位党委(党组)"] }],
    // Ordinary parentheses stay in the text.
    ["制定《行政执法公示办法(试行)》", "制定《行政执法公示办法(试行)》", null],
    ["贯彻落实《优化营商环境条例》(试行)", "贯彻落实《优化营商环境条例》(试行)", null],
    ["落实规划(2021-2025年)。", "落实规划(2021-2025年)。", null],
    ["落实司法所建设意见(沪司发〔2021〕108号)", "落实司法所建设意见(沪司发〔2021〕108号)", null],
    ["没有任何括号的举措。", "没有任何括号的举措。", null],
    // Unbalanced: no annotation is guessed.
    ["推进规范化(牵头单位:区司法局", "推进规范化(牵头单位:区司法局", null],
  ])("%s", (input, text, fields) => {
    expect(splitTrailingAnnotation(input)).toEqual({ text, annotation: fields ? annotation(fields) : null });
  });
});
