import { describe, expect, it } from "vitest";
import { chineseNumeral, documentBlocks, type DocumentBlock } from "@/lib/public/document.ts";

const L = (n: string) => `\uFF08${n}\uFF09`;

describe("chineseNumeral", () => {
  it.each([
    [1, "一"],
    [9, "九"],
    [10, "十"],
    [12, "十二"],
    [20, "二十"],
    [21, "二十一"],
    [99, "九十九"],
    [100, "100"],
  ])("%i → %s", (n, text) => expect(chineseNumeral(n)).toBe(text));
});

const s = (sortOrder: number, heading: string, body: string, level = 1) => ({ sortOrder, level, heading, body });

describe("documentBlocks", () => {
  it.each<[string, Parameters<typeof documentBlocks>[0], DocumentBlock[]]>([
    [
      "an imported report: the preamble has no heading, sections are numbered, printed (一) lines become sub-headings",
      [s(0, "概述", "2024年是关键一年。"), s(1, "主要举措和成效", "(一)加强统筹\n一是强化建设。\n(二)持续深化法治政府建设。全面评估规划目标。")],
      [
        { kind: "paragraph", lead: null, text: "2024年是关键一年。" },
        { kind: "heading", label: "一、", text: "主要举措和成效" },
        { kind: "subheading", label: L("一"), text: "加强统筹" },
        { kind: "paragraph", lead: null, text: "一是强化建设。" },
        { kind: "paragraph", lead: `${L("二")}持续深化法治政府建设。`, text: "全面评估规划目标。" },
      ],
    ],
    [
      "a drafted report: level-2 sections are (一)(二) under their section, counting restarts per section",
      [s(0, "一、主要举措和成效", ""), s(1, "依法履职", "完成 3 项。", 2), s(2, "制度建设", "完成 2 项。", 2), s(3, "存在的不足和原因", ""), s(4, "逾期事项", "逾期 1 项。", 2)],
      [
        { kind: "heading", label: "一、", text: "主要举措和成效" },
        { kind: "subheading", label: L("一"), text: "依法履职" },
        { kind: "paragraph", lead: null, text: "完成 3 项。" },
        { kind: "subheading", label: L("二"), text: "制度建设" },
        { kind: "paragraph", lead: null, text: "完成 2 项。" },
        { kind: "heading", label: "二、", text: "存在的不足和原因" },
        { kind: "subheading", label: L("一"), text: "逾期事项" },
        { kind: "paragraph", lead: null, text: "逾期 1 项。" },
      ],
    ],
    [
      "概述 later than first is an ordinary section; a (一) line that is one whole sentence stays a paragraph; blank lines go",
      [s(1, "其他", "\n\n(三)已完成。\n"), s(0, "概述", "正文")],
      [
        { kind: "paragraph", lead: null, text: "正文" },
        { kind: "heading", label: "一、", text: "其他" },
        { kind: "paragraph", lead: L("三"), text: "已完成。" },
      ],
    ],
  ])("%s", (_case, sections, expected) => expect(documentBlocks(sections)).toEqual(expected));
});
