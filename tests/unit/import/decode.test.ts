import fs from "node:fs";
import path from "node:path";
import * as zlib from "node:zlib";
import { strToU8, zipSync } from "fflate";
import iconv from "iconv-lite";
import mammoth from "mammoth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ImportInputError, MAX_UPLOAD_BYTES, decodeDocument, decodePastedText } from "@/lib/import/decode.ts";
import { MB, countInflatedInput, deflatedZeros, rawZip } from "../../support/zip-bombs.ts";

// Wrap zlib's inflate so the zip-bomb tests can prove nothing was inflated.
vi.mock("node:zlib", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:zlib")>();
  return { ...actual, inflateRawSync: vi.fn(actual.inflateRawSync) };
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.mocked(zlib.inflateRawSync).mockClear();
});

const seed = fs.readFileSync(path.resolve(import.meta.dirname, "../../fixtures/seeds/002-huairou-action-plan.txt"), "utf8");
const utf8 = (text: string) => new TextEncoder().encode(text);

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toMatch(/[\u4e00-\u9fff]/); // user-facing, in Chinese
    return (error as ImportInputError).code;
  }
  throw new Error("expected an ImportInputError");
}

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
function junk(length: number, min = 0, seed0 = 12345): Uint8Array {
  let x = seed0;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return min + ((x >>> 0) % (256 - min));
  });
}

describe("plain text", () => {
  it("decodes the UTF-8 seed unchanged", async () => {
    const result = await decodeDocument({ fileName: "002-huairou-action-plan.txt", bytes: utf8(seed) });
    expect(result).toEqual({ text: seed, encoding: "utf-8", warnings: [] });
  });

  it("decodes the same text saved as GB18030 and as GBK", async () => {
    // GBK has no no-break space (the seed copies a few from the web page); GB18030 has every character.
    for (const [charset, text] of [
      ["gb18030", seed],
      ["gbk", seed.replace(/\u00A0/g, " ")],
    ] as const) {
      const bytes = new Uint8Array(iconv.encode(text, charset));
      const result = await decodeDocument({ fileName: "计划.TXT", bytes });
      expect(result.encoding).toBe("gb18030");
      expect(result.text).toBe(text);
      expect(result.warnings).toEqual([]);
    }
  });

  it("strips a UTF-8 BOM and normalises CRLF", async () => {
    const bytes = utf8("\uFEFF一、总体要求\r\n(一)指导思想\r\n");
    const result = await decodeDocument({ fileName: "plan.md", bytes });
    expect(result).toEqual({ text: "一、总体要求\n(一)指导思想\n", encoding: "utf-8", warnings: [] });
  });

  it("decodes UTF-16 with a BOM (LE and BE)", async () => {
    const le = new Uint8Array(iconv.encode("\uFEFF法治政府建设\n", "utf-16le"));
    const be = new Uint8Array(iconv.encode("\uFEFF法治政府建设\n", "utf-16be"));
    for (const bytes of [le, be]) {
      expect(await decodeDocument({ fileName: "a.txt", bytes })).toMatchObject({ text: "法治政府建设\n", encoding: "utf-16" });
    }
  });

  it("treats a file without an extension as text", async () => {
    expect((await decodeDocument({ fileName: "README", bytes: utf8("法治") })).text).toBe("法治");
  });

  it("keeps lines with U+FFFD or a cut-off character, warning per line", async () => {
    const cut = utf8("第一行完整\n第二行被截断").subarray(0, -2); // drops 2 of the 3 bytes of 断
    const bytes = new Uint8Array([...cut, ...utf8("\n第三行\n第四行也坏了\uFFFD\n")]);
    const result = await decodeDocument({ fileName: "a.txt", bytes });
    expect(result.encoding).toBe("utf-8");
    expect(result.text.split("\n")[1]).toBe("第二行被截\uFFFD");
    expect(result.warnings).toEqual([
      { line: 2, message: "第2行含无法识别的字符,可能被截断" },
      { line: 4, message: "第4行含无法识别的字符,可能被截断" },
    ]);
  });

  it("refuses an empty file and a whitespace-only file", async () => {
    expect(await codeOf(decodeDocument({ fileName: "a.txt", bytes: new Uint8Array() }))).toBe("EMPTY");
    expect(await codeOf(decodeDocument({ fileName: "a.txt", bytes: utf8("\uFEFF \r\n\t\n") }))).toBe("EMPTY");
  });

  it("refuses a 50 MB file before looking at its content", async () => {
    const decode = vi.spyOn(TextDecoder.prototype, "decode");
    const bytes = new Uint8Array(50 * 1024 * 1024);
    expect(await codeOf(decodeDocument({ fileName: "big.txt", bytes }))).toBe("TOO_LARGE");
    expect(await codeOf(decodeDocument({ fileName: "big.docx", bytes }))).toBe("TOO_LARGE");
    // Refused before decoding: nothing read the bytes.
    expect(decode).not.toHaveBeenCalled();
    // The limit itself is inclusive.
    const atLimit = new Uint8Array(MAX_UPLOAD_BYTES).fill(0x61);
    expect((await decodeDocument({ fileName: "a.txt", bytes: atLimit })).text.length).toBe(MAX_UPLOAD_BYTES);
  });

  it("refuses random binary junk, PDF and zip content named .txt", async () => {
    const pdf = utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    const zip = zipSync({ "a.txt": strToU8("hello") });
    for (const bytes of [junk(4096), pdf, zip]) {
      expect(await codeOf(decodeDocument({ fileName: "a.txt", bytes }))).toBe("BINARY");
    }
  });

  it("refuses bytes that are neither UTF-8 nor GB18030", async () => {
    expect(await codeOf(decodeDocument({ fileName: "a.txt", bytes: junk(4096, 0x80) }))).toBe("BAD_ENCODING");
  });
});

describe("file types", () => {
  it("refuses old .doc with a save-as-.docx hint", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...junk(512)]);
    const error = await decodeDocument({ fileName: "方案.doc", bytes: ole }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNSUPPORTED_TYPE" });
    expect((error as Error).message).toContain(".docx");
    expect((error as Error).message).toContain("粘贴");
  });

  it.each(["a.pdf", "a.xls", "a.xlsx", "a.png", "a.zip"])("refuses %s", async (fileName) => {
    expect(await codeOf(decodeDocument({ fileName, bytes: utf8("x") }))).toBe("UNSUPPORTED_TYPE");
  });
});

// ---------------------------------------------------------------- .docx

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const cell = (text: string) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${para(text)}</w:tc>`;

const DOCX_PARTS = {
  "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  "word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${para("一、总体要求")}${para("(一)指导思想 全面贯彻习近平法治思想。")}<w:tbl><w:tblPr><w:tblW w:w="4000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr>${cell("任务")}${cell("责任单位")}</w:tr><w:tr>${cell("推进依法行政")}${cell("区司法局")}</w:tr></w:tbl><w:sectPr/></w:body></w:document>`,
};

function docx(parts: Record<string, string> = DOCX_PARTS): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])));
}

describe(".docx", () => {
  it("extracts paragraphs and puts each table cell on its own line", async () => {
    const extract = vi.spyOn(mammoth, "extractRawText"); // proves the bomb tests' "not called" means something
    const result = await decodeDocument({ fileName: "行动计划.DOCX", bytes: docx() });
    expect(extract).toHaveBeenCalledTimes(1);
    expect(result.encoding).toBe("docx");
    expect(result.warnings).toEqual([]);
    expect(result.text.split("\n")).toEqual([
      "一、总体要求",
      "(一)指导思想 全面贯彻习近平法治思想。",
      "任务",
      "责任单位",
      "推进依法行政",
      "区司法局",
    ]);
  });

  it("reads a docx written by our own raw writer too (stored and deflated parts)", async () => {
    const entries = Object.entries(DOCX_PARTS).map(([name, xml], i) => {
      const data = strToU8(xml);
      return i === 0 ? { name, data, size: data.length, method: 0 } : { name, data: zlib.deflateRawSync(data), size: data.length };
    });
    expect((await decodeDocument({ fileName: "a.docx", bytes: rawZip(entries) })).text).toContain("区司法局");
    expect(zlib.inflateRawSync).toHaveBeenCalledTimes(2);
  });

  it("reads text around an image it never unpacks", async () => {
    const drawing = `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="图片 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId9"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
    const bytes = zipSync({
      ...Object.fromEntries(Object.entries(DOCX_PARTS).map(([n, x]) => [n, strToU8(x)])),
      "word/document.xml": strToU8(`<w:document ${W}><w:body>${para("图前")}${drawing}${para("图后")}</w:body></w:document>`),
      "word/_rels/document.xml.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>`,
      ),
      "word/media/image1.png": [junk(4096), { level: 0 }],
    });
    expect((await decodeDocument({ fileName: "a.docx", bytes })).text.split("\n")).toEqual(["图前", "", "图后"]);
  });

  it("refuses a .docx that is not a zip", async () => {
    expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes: utf8("一、总体要求") }))).toBe("BAD_DOCX");
    expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes: junk(2048) }))).toBe("BAD_DOCX");
    // Truncated: the central directory is gone.
    expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes: docx().subarray(0, 200) }))).toBe("BAD_DOCX");
  });

  it("explains an old .doc renamed to .docx", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...junk(512)]);
    const error = await decodeDocument({ fileName: "a.docx", bytes: ole }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_DOCX" });
    expect((error as Error).message).toContain(".doc");
  });

  it("refuses a zip without word/document.xml", async () => {
    const bytes = zipSync({ "notes.txt": strToU8("不是 Word 文档") });
    expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes }))).toBe("BAD_DOCX");
    // With package relationships pointing nowhere, mammoth's refusal maps to BAD_DOCX as well.
    const { "word/document.xml": _, ...rest } = DOCX_PARTS;
    expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes: docx(rest) }))).toBe("BAD_DOCX");
  });

  it("refuses malformed document XML", async () => {
    const bytes = docx({ ...DOCX_PARTS, "word/document.xml": `<w:document ${W}><w:body><w:p>` });
    expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes }))).toBe("BAD_DOCX");
  });

  it("refuses a .docx with no text", async () => {
    const bytes = docx({ ...DOCX_PARTS, "word/document.xml": `<w:document ${W}><w:body><w:p/></w:body></w:document>` });
    expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes }))).toBe("EMPTY");
  });

  describe("zip bombs, refused without inflating", () => {
    const extract = () => vi.spyOn(mammoth, "extractRawText");

    it("200 MB of zeros (over the 50 MB total)", async () => {
      const spy = extract();
      const bytes = rawZip([
        ...Object.entries(DOCX_PARTS)
          .map(([name, xml]) => ({ name, data: strToU8(xml), size: xml.length, method: 0 }))
          .slice(0, 2),
        { name: "word/document.xml", data: deflatedZeros(200), size: 200 * MB },
      ]);
      expect(bytes.length).toBeLessThan(MB);
      expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes }))).toBe("DOCX_TOO_LARGE");
      expect(zlib.inflateRawSync).not.toHaveBeenCalled();
      expect(spy).not.toHaveBeenCalled();
    });

    it("60 MB of zeros spread over small entries (the total counts)", async () => {
      const zeros = deflatedZeros(1); // ratio ~1000 but each entry is only 1 MiB
      const entries = Array.from({ length: 60 }, (_, i) => ({ name: `word/media/image${i}.png`, data: zeros, size: MB }));
      const bytes = rawZip([
        ...entries,
        {
          name: "word/document.xml",
          data: strToU8(DOCX_PARTS["word/document.xml"]),
          size: DOCX_PARTS["word/document.xml"].length,
          method: 0,
        },
      ]);
      expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes }))).toBe("DOCX_TOO_LARGE");
      expect(zlib.inflateRawSync).not.toHaveBeenCalled();
    });

    it("one 20 MB entry compressed over 100:1 (under the total)", async () => {
      const bytes = rawZip([{ name: "word/document.xml", data: deflatedZeros(20), size: 20 * MB }]);
      expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes }))).toBe("DOCX_TOO_LARGE");
      expect(zlib.inflateRawSync).not.toHaveBeenCalled();
    });

    it("an entry that lies about its size is refused by the zip guard, cut off at the declared size", async () => {
      const spy = extract();
      // Declares 300 KB (ratio ~1.5, passes the header checks) but inflates to 200 MB.
      const bytes = rawZip([{ name: "word/document.xml", data: deflatedZeros(200), size: 300 * 1024 }]);
      const input = countInflatedInput();
      expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes }))).toBe("DOCX_TOO_LARGE");
      expect(input.bytes()).toBeLessThan(bytes.length / 10);
      input.restore();
      expect(zlib.inflateRawSync).not.toHaveBeenCalled();
      expect(spy).not.toHaveBeenCalled();
    });

    it("a bomb written by a real zip library (fflate, 12 MB of zeros)", async () => {
      // Kept small: fflate deflates at ~50 MB/s and the other cases cover size.
      const bytes = zipSync({
        ...Object.fromEntries(Object.entries(DOCX_PARTS).map(([n, x]) => [n, strToU8(x)])),
        "word/media/zeros.bin": [new Uint8Array(12 * MB), { level: 9 }],
      });
      expect(bytes.length).toBeLessThan(MB);
      expect(await codeOf(decodeDocument({ fileName: "a.docx", bytes }))).toBe("DOCX_TOO_LARGE");
      expect(zlib.inflateRawSync).not.toHaveBeenCalled();
    });
  });
});

describe("decodePastedText", () => {
  it("returns the text as UTF-8 with the same result shape", () => {
    expect(decodePastedText("\uFEFF一、总体要求\r\n(一)指导思想")).toEqual({
      text: "一、总体要求\n(一)指导思想",
      encoding: "utf-8",
      warnings: [],
    });
    expect(decodePastedText(seed).text).toBe(seed);
  });

  it("refuses empty and whitespace-only text", async () => {
    expect(await codeOf(() => decodePastedText(""))).toBe("EMPTY");
    expect(await codeOf(() => decodePastedText(" \n\u3000\t\r\n"))).toBe("EMPTY");
  });

  it("limits the UTF-8 byte length, not the character count", async () => {
    const hanzi = "法".repeat(Math.floor(MAX_UPLOAD_BYTES / 3) + 1); // 3 bytes each in UTF-8
    expect(hanzi.length).toBeLessThan(MAX_UPLOAD_BYTES);
    expect(await codeOf(() => decodePastedText(hanzi))).toBe("TOO_LARGE");
  });

  it("warns about U+FFFD lines", () => {
    expect(decodePastedText("好\n坏\uFFFD").warnings).toEqual([{ line: 2, message: "第2行含无法识别的字符,可能被截断" }]);
  });
});
