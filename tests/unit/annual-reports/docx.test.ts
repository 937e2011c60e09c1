import { describe, expect, it } from "vitest";
import { reportFileName, reportToOfficialDocument } from "@/lib/annual-reports/docx.ts";

describe("reportToOfficialDocument", () => {
  it("numbers headings 一、/(一) as heading1/heading2 and keeps bodies as paragraphs; an imported preamble has no heading", () => {
    const doc = reportToOfficialDocument({
      title: "罗店镇2020年法治政府建设工作报告",
      sections: [
        { level: 1, heading: "概述", body: "2020年,罗店镇……" },
        { level: 1, heading: "主要举措和成效", body: "开篇。" },
        { level: 2, heading: "坚持党的领导", body: "第一行\n第二行" },
        { level: 2, heading: "依法决策", body: "" },
        { level: 1, heading: "存在的不足和原因", body: "不足。" },
      ],
    });
    expect(doc).toEqual({
      title: "罗店镇2020年法治政府建设工作报告",
      blocks: [
        { kind: "paragraph", text: "2020年,罗店镇……" },
        { kind: "heading1", text: "一、主要举措和成效" },
        { kind: "paragraph", text: "开篇。" },
        { kind: "heading2", text: "(一)坚持党的领导" },
        { kind: "paragraph", text: "第一行\n第二行" },
        { kind: "heading2", text: "(二)依法决策" },
        { kind: "heading1", text: "二、存在的不足和原因" },
        { kind: "paragraph", text: "不足。" },
      ],
    });
  });

  it.each([
    ["下陆区2025年法治政府建设年度报告", 1, "下陆区2025年法治政府建设年度报告.docx"],
    ["下陆区2025年法治政府建设年度报告", 2, "下陆区2025年法治政府建设年度报告(第2版).docx"],
    ['a/b:c*"d', 1, "a_b_c_d.docx"],
  ])("file name of %j version %i", (title, version, name) => {
    expect(reportFileName(title, version)).toBe(name);
  });
});
