import { describe, expect, it } from "vitest";
import {
  CONFIDENT_THRESHOLD,
  normaliseForSimilarity,
  PROPOSAL_THRESHOLD,
  proposeLinks,
  textSimilarity,
} from "@/lib/succession/similarity.ts";

// Sentences from 下陆区's division of labour (2021–2025) and 怀柔区's action
// plan (十四五), as a new plan would restate an old one's measures.
const XIALU_DECISIONS = "13.严格落实重大行政决策程序制度,坚决防止违法决策、不当决策、盲目决策、拖延决策。";
const XIALU_DECISIONS_2 = "12.深入贯彻实施《重大行政决策程序暂行条例》(国令第713号),严格落实重大行政决策程序。";
const HUAIROU_DECISIONS =
  "11.1 严格贯彻《重大行政决策程序暂行条例》,制定本区重大行政决策实施细则,明确重大行政决策工作主体、事项范围、程序要求、流程衔接等。";
const XIALU_PROMISE = "全面推行证明事项告知承诺制,打造“无证明城区”。";
const HUAIROU_PROMISE = "2.5 大力推行证明事项告知承诺制,全面创建“无证明”城市。";
const XIALU_REVIEW = "18.积极推进行政复议改革,强化行政复议规范化、信息化、专业化建设,进一步提升行政复议公信力。";
const XIALU_REVIEW_2 = "22.全面深化行政复议体制改革。";
const XIALU_YOUTH = "4.加强青少年宪法法律教育。";
const XIALU_OATH = "3.全面落实宪法宣誓制度。";
const XIALU_OATH_FULL = "1.坚持宪法法律至上,一切法规、规章和规范性文件都不得同宪法法律相抵触。全面落实国家工作人员宪法宣誓制度。";
const XIALU_CONSTITUTION = "2.在全区深入开展宪法学习宣传教育活动。";

describe("normaliseForSimilarity", () => {
  it.each([
    ["an Arabic item number and punctuation", XIALU_CONSTITUTION, "在全区深入开展宪法学习宣传教育活动"],
    ["a dotted sub-item number and a space", "11.1 严格贯彻《重大行政决策程序暂行条例》", "严格贯彻重大行政决策程序暂行条例"],
    ["a full-width parenthesised Chinese number", "（二）在全区深入开展宪法学习宣传教育活动。", "在全区深入开展宪法学习宣传教育活动"],
    ["a Chinese number with 、", "三、加强青少年宪法法律教育", "加强青少年宪法法律教育"],
    ["a year inside the text stays", "2022年年底前整合行政复议职责", "2022年年底前整合行政复议职责"],
  ])("drops %s", (_case, text, expected) => {
    expect(normaliseForSimilarity(text)).toBe(expected);
  });
});

describe("textSimilarity", () => {
  it.each([
    ["the same measure renumbered", XIALU_CONSTITUTION, "（二）在全区深入开展宪法学习宣传教育活动。", 1, 1],
    ["the same idea, two districts' wording", XIALU_PROMISE, HUAIROU_PROMISE, CONFIDENT_THRESHOLD, 1],
    ["one sentence contained in a longer one", XIALU_OATH, "全面落实国家工作人员宪法宣誓制度。", CONFIDENT_THRESHOLD, 1],
    ["same topic, different points", XIALU_DECISIONS_2, HUAIROU_DECISIONS, PROPOSAL_THRESHOLD, CONFIDENT_THRESHOLD],
    ["a short measure inside a long one", XIALU_OATH, XIALU_OATH_FULL, PROPOSAL_THRESHOLD, CONFIDENT_THRESHOLD],
    ["same area, different measures", XIALU_REVIEW, XIALU_REVIEW_2, 0, PROPOSAL_THRESHOLD],
    ["same words, different action", XIALU_DECISIONS, HUAIROU_DECISIONS, 0, PROPOSAL_THRESHOLD],
    ["unrelated", XIALU_YOUTH, HUAIROU_PROMISE, 0, 0.05],
    ["an empty text", "", XIALU_YOUTH, 0, 0],
  ])("%s: between %s and %s", (_case, a, b, atLeast, atMost) => {
    const score = textSimilarity(a, b);
    expect(score).toBeGreaterThanOrEqual(atLeast);
    expect(score).toBeLessThanOrEqual(atMost);
    expect(textSimilarity(b, a)).toBe(score);
  });
});

describe("proposeLinks", () => {
  const previous = [
    { id: 101, text: XIALU_OATH_FULL },
    { id: 102, text: XIALU_CONSTITUTION },
    { id: 103, text: XIALU_PROMISE },
    { id: 104, text: XIALU_REVIEW },
  ];

  it("proposes the most similar previous measure, ticked only when confident, none below the threshold", () => {
    const proposals = proposeLinks(
      [
        { id: 1, text: "（一）在全区深入开展宪法学习宣传教育活动。" },
        { id: 2, text: HUAIROU_PROMISE },
        { id: 3, text: XIALU_OATH },
        { id: 4, text: XIALU_YOUTH },
      ],
      previous,
    );
    expect(proposals.map(({ measureId, previousId, confident }) => ({ measureId, previousId, confident }))).toEqual([
      { measureId: 1, previousId: 102, confident: true },
      { measureId: 2, previousId: 103, confident: true },
      { measureId: 3, previousId: 101, confident: false },
    ]);
    expect(proposals[0]!.score).toBe(1);
    expect(proposals[2]!.score).toBeGreaterThanOrEqual(PROPOSAL_THRESHOLD);
  });

  it("lets two new measures continue the same previous one", () => {
    const proposals = proposeLinks(
      [
        { id: 1, text: "积极推进行政复议改革,强化行政复议规范化建设。" },
        { id: 2, text: "强化行政复议信息化、专业化建设,提升行政复议公信力。" },
      ],
      previous,
    );
    expect(proposals.map((p) => p.previousId)).toEqual([104, 104]);
  });

  it("proposes nothing when there is no previous plan", () => {
    expect(proposeLinks([{ id: 1, text: XIALU_YOUTH }], [])).toEqual([]);
  });
});
