import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UnrecognisedDocument, type Unrecognised } from "@/app/(app)/plans/import/unrecognised-document.tsx";

// The notice for a text that is neither a plan nor a report. Screen readers
// announce an alert's whole content: it must hold the heading and the reason,
// not the buttons that choose a kind, which sit in their own labelled group.
const document: Unrecognised = {
  kind: "unrecognised",
  reason: "像新闻报道(“近日”“召开”),文中 3 条编号的内容是报道的部署,不是规划的举措",
  line: 1,
  structureless: false,
  warnings: [{ line: 1, message: "未识别为规划或年度报告:像新闻报道" }],
};
const html = renderToStaticMarkup(createElement(UnrecognisedDocument, { document, pending: false, onChoose: () => {} }));

/** The markup of the element whose opening tag contains `marker`, up to its matching close. */
function element(marker: string): string {
  const start = html.lastIndexOf("<", html.indexOf(marker));
  expect(start).toBeGreaterThanOrEqual(0);
  const tag = /^<(\w+)/.exec(html.slice(start))![1]!;
  const tags = new RegExp(`<${tag}[\\s>]|</${tag}>`, "g");
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[0].startsWith("</") ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  throw new Error(`unclosed <${tag}>`);
}

describe("UnrecognisedDocument", () => {
  it("announces the heading and the reason, and nothing that is a control", () => {
    const alert = element('role="alert"');
    expect(alert).toContain("未识别为规划或年度报告");
    expect(alert).toContain("第 1 行:像新闻报道");
    expect(alert).not.toContain("<button");
  });

  it("offers both kinds in a labelled group after the alert", () => {
    const group = element('role="group"');
    expect(group).toMatch(/aria-label="选择导入方式"/);
    expect(group).toContain("按规划导入");
    expect(group).toContain("按年度报告导入");
    expect(html.indexOf('role="group"')).toBeGreaterThan(html.indexOf('role="alert"'));
  });

  it("lets the heading take focus from script, not from Tab", () => {
    expect(element("<h2")).toMatch(/tabindex="-1"/);
  });
});
