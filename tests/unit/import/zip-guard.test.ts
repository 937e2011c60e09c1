import * as zlib from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { MAX_ZIP_ENTRIES, checkZip, type ZipLimits } from "@/lib/import/zip-guard.ts";
import { buildLedgerWorkbook } from "@/lib/plans/ledger/write.ts";
import { MB, countInflatedInput, deflatedZeros, lyingWorkbook, rawZip, stored } from "../../support/zip-bombs.ts";

const LIMITS: ZipLimits = { maxTotalBytes: 100 * MB, maxEntries: MAX_ZIP_ENTRIES, label: "工作簿" };

/** Deterministic bytes that do not compress much (xorshift). */
function noise(length: number, seed = 12345): Uint8Array {
  let x = seed;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

function refusal(bytes: Uint8Array, limits = LIMITS) {
  const result = checkZip(bytes, limits);
  if (result.ok) throw new Error("expected a refusal");
  expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  return result;
}

describe("checkZip lets real Office files through", () => {
  it("an .xlsx ledger written by exceljs", async () => {
    const workbook = await buildLedgerWorkbook(
      {
        title: "下陆区法治政府建设实施方案分工",
        kind: "DIVISION_OF_LABOUR",
        periodStart: 2021,
        periodEnd: 2025,
        issuer: null,
        documentNumber: null,
        issueDate: null,
        sections: [],
      },
      Array.from({ length: 200 }, (_, i) => ({
        code: String(i + 1),
        chapter: "",
        text: `举措${i + 1}:推进依法行政`,
        leadUnits: ["区司法局"],
        responsibleUnits: ["区发改局"],
        deadlineText: "2025年底前",
      })),
    );
    const result = checkZip(new Uint8Array(workbook), LIMITS);
    expect(result.ok).toBe(true);
    expect(result.ok && result.entries.map((e) => e.name)).toContain("xl/workbook.xml");
  });

  it("a .docx-shaped zip with a deflated document, a stored part and an image", () => {
    const bytes = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8(`<w:document>${"<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>".repeat(5000)}</w:document>`),
      "word/styles.xml": [strToU8("<w:styles/>"), { level: 0 }],
      "word/media/image1.png": noise(2 * MB),
    });
    expect(checkZip(bytes, { ...LIMITS, maxTotalBytes: 50 * MB, label: "Word 文档" })).toMatchObject({ ok: true });
  });

  it("a zip of exactly the entry limit", () => {
    const entries = Object.fromEntries(Array.from({ length: MAX_ZIP_ENTRIES }, (_, i) => [`xl/part${i}.xml`, strToU8("<x/>")]));
    expect(checkZip(zipSync(entries), LIMITS)).toMatchObject({ ok: true });
  });
});

describe("checkZip refuses", () => {
  it("a small zip whose entry inflates past the cap while its directory says 300 KB, stopping early", () => {
    const bytes = lyingWorkbook(200);
    expect(bytes.length).toBeLessThan(MB);
    const input = countInflatedInput();
    expect(refusal(bytes)).toMatchObject({ problem: "size-mismatch", message: expect.stringContaining("工作簿") });
    // Cut off after the declared 300 KB: a sliver of the ~200 KB of deflated zeros was read, never the 200 MB they make.
    expect(input.bytes()).toBeGreaterThan(0);
    expect(input.bytes()).toBeLessThan(bytes.length / 10);
    input.restore();
  });

  it("an entry that inflates to less than it declares", () => {
    const data = zlib.deflateRawSync(Buffer.from("<x/>"));
    expect(refusal(rawZip([{ name: "xl/workbook.xml", data, size: 1000 }])).problem).toBe("size-mismatch");
  });

  it("a stored entry whose sizes disagree", () => {
    expect(refusal(rawZip([{ ...stored("xl/workbook.xml", "<x/>"), size: 1000 }])).problem).toBe("size-mismatch");
  });

  it("declared sizes over the cap, honestly (200 MB of zeros)", () => {
    const bytes = rawZip([
      stored("xl/workbook.xml", "<x/>"),
      { name: "xl/worksheets/sheet1.xml", data: deflatedZeros(200), size: 200 * MB },
    ]);
    expect(refusal(bytes)).toMatchObject({ problem: "too-large", message: expect.stringContaining("100 MB") });
  });

  it("many entries whose declared total passes the cap though each is small", () => {
    const zeros = deflatedZeros(1);
    const bytes = rawZip(Array.from({ length: 60 }, (_, i) => ({ name: `word/media/image${i}.png`, data: zeros, size: MB })));
    expect(refusal(bytes, { ...LIMITS, maxTotalBytes: 50 * MB }).problem).toBe("too-large");
  });

  it("an entry over 1 MB compressed more than 100:1, even under the cap", () => {
    const bytes = zipSync({ "xl/workbook.xml": strToU8("<x/>"), "xl/media/zeros.bin": [new Uint8Array(12 * MB), { level: 9 }] });
    expect(bytes.length).toBeLessThan(MB);
    expect(refusal(bytes).problem).toBe("too-large");
  });

  it("more entries than the limit, before reading them", () => {
    const entries = Object.fromEntries(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`xl/part${i}.xml`, strToU8("<x/>")]));
    expect(refusal(zipSync(entries))).toMatchObject({
      problem: "too-many-entries",
      message: expect.stringContaining(`${MAX_ZIP_ENTRIES} 个`),
    });
  });

  it("an encrypted entry", () => {
    expect(refusal(rawZip([{ ...stored("xl/workbook.xml", "<x/>"), flags: 1 }])).problem).toBe("encrypted");
  });

  it("two entries with one name", () => {
    expect(refusal(rawZip([stored("xl/workbook.xml", "<x/>"), stored("xl/workbook.xml", "<y/>")])).problem).toBe("corrupt");
  });

  it("broken deflate data, an unknown method, a truncated file and no zip at all", () => {
    expect(refusal(rawZip([{ name: "xl/workbook.xml", data: noise(1000), size: 5000 }])).problem).toBe("corrupt");
    expect(refusal(rawZip([{ name: "xl/workbook.xml", data: noise(100), size: 100, method: 12 }])).problem).toBe("corrupt");
    const good = zipSync({ "xl/workbook.xml": strToU8("<x/>") });
    expect(refusal(good.subarray(0, good.length - 30)).problem).toBe("corrupt");
    expect(refusal(strToU8("一、总体要求")).problem).toBe("corrupt");
  });
});
