import { describe, expect, it } from "vitest";
import {
  ITEM_MATCH_THRESHOLD,
  itemHeading,
  itemMatchScore,
  itemSimilarity,
  normaliseItemText,
  proposeParentItem,
} from "@/lib/plans/item-match.ts";

// Items of seed 000 (宝山区“十四五”规划), shortened.
const ITEMS = [
  { id: 12, text: "(十二)强化开发园区法律服务,构建知识产权保护新格局。深化法律服务进园区工作,普遍建立园区法律服务工作站。" },
  { id: 20, text: "(二十)积极推行新型监管方式。推动政府管理依法进行,把更多行政资源从事前审批转移到事中事后监管上来。" },
  { id: 58, text: "(五十八)做好规划的任务分解与评估工作。区司法局会同区政府相关部门,负责分解本规划所确定的发展目标、主要任务。" },
];

describe("normaliseItemText", () => {
  it.each([
    ["(十二)强化开发园区法律服务。", "强化开发园区法律服务"],
    ["（二十）积极推行　新型监管方式", "积极推行新型监管方式"],
    ["3. 推行“双随机、一公开”监管", "推行双随机一公开监管"],
    ["十一、ＡＢＣ规范", "abc规范"],
    ["", ""],
  ])("%s → %s", (input, want) => {
    expect(normaliseItemText(input)).toBe(want);
  });
});

describe("itemSimilarity", () => {
  it.each([
    { a: "建立园区法律服务工作站", b: "建立园区法律服务工作站。", want: 1, why: "same text, punctuation aside" },
    { a: "(一)建立园区法律服务工作站", b: "1.建立园区法律服务工作站", want: 1, why: "numbering aside" },
    { a: "甲乙", b: "丙丁", want: 0, why: "nothing shared" },
    { a: "", b: "", want: 0, why: "empty texts are not a match" },
    { a: "法律服务", b: "法律", want: 0.5, why: "2·1 shared of 3+1 bigrams" },
    { a: "啊啊啊", b: "啊啊", want: 2 / 3, why: "bigrams are counted as a multiset: 2·1/(2+1)" },
  ])("$why", ({ a, b, want }) => {
    expect(itemSimilarity(a, b)).toBeCloseTo(want, 10);
    expect(itemSimilarity(b, a)).toBeCloseTo(want, 10);
  });
});

describe("proposeParentItem", () => {
  it.each([
    { text: "在各开发园区建立法律服务工作站,开展知识产权保护宣传培训", want: 12 },
    { text: "推行“双随机、一公开”和“互联网+监管”的新型监管方式", want: 20 },
    { text: "分解规划确定的发展目标和主要任务,组织中期评估", want: 58 },
    { text: "加强退役军人服务保障", want: null },
  ])("$text → $want", ({ text, want }) => {
    expect(proposeParentItem(text, ITEMS)?.itemId ?? null).toBe(want);
  });

  it("keeps the earlier item on a tie and respects the threshold", () => {
    const twins = [
      { id: 1, text: "法律服务" },
      { id: 2, text: "法律服务" },
    ];
    expect(proposeParentItem("法律服务", twins)).toEqual({ itemId: 1, score: 1 });
    expect(proposeParentItem("法律", twins)).toEqual({ itemId: 1, score: 0.5 });
    expect(proposeParentItem("法律", twins, 0.6)).toBeNull();
    expect(ITEM_MATCH_THRESHOLD).toBeGreaterThan(0);
  });
});

describe("itemMatchScore", () => {
  it("scores a measure restating an item's heading by the heading, not diluted by the item's length", () => {
    const item =
      "(二十)积极推行新型监管方式。推动政府管理依法进行,把更多行政资源从事前审批转移到事中事后监管上来。进一步转变监管理念,创新监管方式,在全区行政执法部门普遍建立以“双随机、一公开”监管和“互联网+监管”为基本手段、以重点监管为补充、以信用监管为基础的新型监管机制。";
    const measure = "积极推行新型监管方式";
    expect(itemSimilarity(measure, item)).toBeLessThan(ITEM_MATCH_THRESHOLD);
    expect(itemMatchScore(measure, item)).toBe(1);
    expect(itemHeading(item)).toBe("(二十)积极推行新型监管方式");
  });
});
