import { describe, expect, it } from "vitest";
import mammoth from "mammoth";
import JSZip from "jszip";
import { buildOfficialDocx, docxResponse, DOCX_MIME, type OfficialDocument } from "@/lib/documents/official-docx.ts";

const sample: OfficialDocument = {
  title: "下陆区法治政府建设规划中期评估报告",
  subtitle: "评估基准日:2024年6月30日",
  blocks: [
    { kind: "heading1", text: "一、总体情况" },
    { kind: "paragraph", text: "规划共有举措12项。已完成5项,完成率41.7%。\n逾期2项。" },
    { kind: "heading2", text: "(一)坚持党的领导" },
    { kind: "paragraph", text: "  \n区司法局牵头推进。" },
    {
      kind: "table",
      header: ["章节", "举措数", "完成率"],
      rows: [
        ["一、总体要求", 7, "42.9%"],
        ["二、重点任务", 5, "40.0%"],
      ],
    },
    { kind: "heading1", text: "二、存在的问题" },
  ],
};

async function html(doc: OfficialDocument) {
  const buffer = await buildOfficialDocx(doc);
  const result = await mammoth.convertToHtml({ buffer });
  return { buffer, html: result.value, messages: result.messages };
}

describe("buildOfficialDocx, parsed back with mammoth", () => {
  it("puts the title first, then headings as <h1>/<h2>, paragraphs split on newlines, and the table", async () => {
    const { html: out, messages } = await html(sample);
    expect(messages.filter((m) => m.type === "error")).toEqual([]);
    expect(out.startsWith("<p><strong>下陆区法治政府建设规划中期评估报告</strong></p><p>评估基准日:2024年6月30日</p>")).toBe(true);
    expect(out).toContain("<h1>一、总体情况</h1>");
    expect(out).toContain("<h2>(一)坚持党的领导</h2>");
    expect(out).toContain("<h1>二、存在的问题</h1>");
    expect(out).toContain("<p>规划共有举措12项。已完成5项,完成率41.7%。</p><p>逾期2项。</p>");
    // a blank line inside the text gives no empty paragraph
    expect(out).toContain("<h2>(一)坚持党的领导</h2><p>区司法局牵头推进。</p>");
    const table = out.match(/<table>.*<\/table>/)?.[0] ?? "";
    const cells = [...table.matchAll(/<t[dh]>(?:<p>)?(.*?)(?:<\/p>)?<\/t[dh]>/g)].map((m) => m[1]);
    expect(cells).toEqual(["章节", "举措数", "完成率", "一、总体要求", "7", "42.9%", "二、重点任务", "5", "40.0%"]);
    // headings come in document order
    expect(out.indexOf("一、总体情况")).toBeLessThan(out.indexOf("(一)坚持党的领导"));
    expect(out.indexOf("<table>")).toBeLessThan(out.indexOf("二、存在的问题"));
  });

  it("names the Chinese fonts as eastAsia fonts and lays the page out on A4 with official margins", async () => {
    const buffer = await buildOfficialDocx(sample);
    const zip = await JSZip.loadAsync(buffer);
    const styles = await zip.file("word/styles.xml")!.async("string");
    const body = await zip.file("word/document.xml")!.async("string");
    expect(styles).toMatch(/w:eastAsia="仿宋"/);
    expect(styles).toMatch(/w:eastAsia="黑体"/);
    expect(styles).toMatch(/w:eastAsia="楷体"/);
    expect(body).toMatch(/w:eastAsia="宋体"/);
    expect(body).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(body).toMatch(/w:top="2098"/); // 37 mm
    expect(body).toMatch(/w:left="1587"/); // 28 mm
    expect(body).toMatch(/w:bottom="1984"/); // 35 mm
    expect(styles).toMatch(/<w:sz w:val="32"\/>/); // 16pt body
    expect(body).toMatch(/w:firstLineChars="200"/);
  });

  it("copes with an empty document and odd cell values", async () => {
    const { html: out } = await html({ title: "空", blocks: [{ kind: "table", header: ["a", "b"], rows: [[1]] }] });
    expect(out).toContain("<p><strong>空</strong></p>");
    expect(out).toContain("<td><p>1</p></td><td>");
  });
});

describe("buildOfficialDocx with text pasted from Word", () => {
  // XML 1.0's Char production allows only tab, LF and CR below U+0020; Word refuses a file with any other.
  const XML_ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
  const pasted: OfficialDocument = {
    title: "下陆区\x0B年度报告\x01",
    subtitle: "评估基准日\x0C2024年6月30日",
    blocks: [
      { kind: "heading1", text: "一、总体\x0B情况" },
      { kind: "heading2", text: "(一)坚持\x1F党的领导" },
      // Shift+Enter in Word is \x0B, a page break \x0C: each starts a new paragraph.
      { kind: "paragraph", text: "第一段\x0B第二段\f第三段\x00\x08\x0E\x1F\uFFFF完\t毕" },
      { kind: "table", header: ["章\x0B节", "举措数"], rows: [["一、总体\x07要求", 7]] },
    ],
  };

  it("leaves no XML-illegal character in any part of the file", async () => {
    const zip = await JSZip.loadAsync(await buildOfficialDocx(pasted));
    const parts = Object.keys(zip.files).filter((name) => name.endsWith(".xml") || name.endsWith(".rels"));
    expect(parts).toContain("word/document.xml");
    expect(parts).toContain("docProps/core.xml");
    for (const name of parts) {
      const xml = await zip.file(name)!.async("string");
      expect(XML_ILLEGAL.test(xml), `${name} holds an XML-illegal character`).toBe(false);
    }
  });

  it("parses with mammoth, Word's line and page breaks starting new paragraphs", async () => {
    const { html: out, messages } = await html(pasted);
    expect(messages.filter((m) => m.type === "error")).toEqual([]);
    expect(out.startsWith("<p><strong>下陆区 年度报告</strong></p><p>评估基准日</p><p>2024年6月30日</p>")).toBe(true);
    expect(out).toContain("<h1>一、总体 情况</h1>");
    expect(out).toContain("<h2>(一)坚持党的领导</h2>");
    expect(out).toContain("<p>第一段</p><p>第二段</p><p>第三段完\t毕</p>");
    expect(out).toContain("一、总体要求");
  });
});

describe("docxResponse", () => {
  it("sends the MIME type and an RFC 5987 UTF-8 file name", async () => {
    const res = docxResponse(Buffer.from("x"), "下陆区 评估.docx");
    expect(res.headers.get("Content-Type")).toBe(DOCX_MIME);
    expect(res.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"document.docx\"; filename*=UTF-8''%E4%B8%8B%E9%99%86%E5%8C%BA%20%E8%AF%84%E4%BC%B0.docx",
    );
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe("x");
  });
});
