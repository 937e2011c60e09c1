import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES, validateUpload } from "@/lib/storage/validate-upload.ts";

// Minimal but real-looking file starts, built here rather than kept as fixtures.

const PDF = strToU8("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");
const PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a, // signature
  0x00,
  0x00,
  0x00,
  0x0d,
  0x49,
  0x48,
  0x44,
  0x52, // IHDR, length 13
  0x00,
  0x00,
  0x00,
  0x01,
  0x00,
  0x00,
  0x00,
  0x01,
  0x08,
  0x06,
  0x00,
  0x00,
  0x00,
  0x1f,
  0x15,
  0xc4,
  0x89,
]);
const JPG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);

/** An OLE2 compound file: header, padding, then a directory sector naming the given streams. */
function ole(...streams: string[]): Uint8Array {
  const header = new Uint8Array(512);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const directory = new Uint8Array(128 * (streams.length + 1));
  ["Root Entry", ...streams].forEach((name, i) => {
    [...name].forEach((c, j) => {
      directory[i * 128 + j * 2] = c.charCodeAt(0);
    });
    directory[i * 128 + 64] = (name.length + 1) * 2; // name length in bytes, NUL included
  });
  return concat(header, new Uint8Array(512), directory);
}
const DOC = ole("WordDocument", "1Table", "\u0005SummaryInformation");
const XLS = ole("Workbook", "\u0005SummaryInformation");
const ENCRYPTED_OOXML = ole("EncryptionInfo", "EncryptedPackage");

function ooxml(part: "word" | "xl"): Uint8Array {
  const main = part === "word" ? "word/document.xml" : "xl/workbook.xml";
  return zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types/>'),
    "_rels/.rels": strToU8('<?xml version="1.0"?><Relationships/>'),
    [main]: strToU8(`<?xml version="1.0"?><root>${"进展情况".repeat(50)}</root>`),
  });
}
const DOCX = ooxml("word");
const XLSX = ooxml("xl");
const ZIP = zipSync({ "说明.txt": strToU8("hello") });

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function padded(start: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(start);
  return out;
}

describe("validateUpload accepts", () => {
  it.each([
    [
      "2024年第三季度进展情况.docx",
      DOCX,
      "2024年第三季度进展情况.docx",
      "docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    ["法治建设台账.xlsx", XLSX, "法治建设台账.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["关于印发实施方案的通知.pdf", PDF, "关于印发实施方案的通知.pdf", "pdf", "application/pdf"],
    ["会议纪要(旧版).doc", DOC, "会议纪要(旧版).doc", "doc", "application/msword"],
    ["统计表.xls", XLS, "统计表.xls", "xls", "application/vnd.ms-excel"],
    ["现场照片.JPG", JPG, "现场照片.JPG", "jpg", "image/jpeg"],
    ["现场照片2.jpeg", JPG, "现场照片2.jpeg", "jpeg", "image/jpeg"],
    ["截图.Png", PNG, "截图.Png", "png", "image/png"],
    ["  两侧有空格.pdf  ", PDF, "两侧有空格.pdf", "pdf", "application/pdf"],
    ["Re\u0301sume\u0301.pdf", PDF, "R\u00e9sum\u00e9.pdf", "pdf", "application/pdf"],
    ["带 空格 和 v1.2 版本号.pdf", PDF, "带 空格 和 v1.2 版本号.pdf", "pdf", "application/pdf"],
    ["扫描件.pdf", concat(strToU8("\r\n"), PDF), "扫描件.pdf", "pdf", "application/pdf"],
    ["一个旧文件.doc", ole("SomethingElse"), "一个旧文件.doc", "doc", "application/msword"],
  ])("%j", (name, bytes, fileName, extension, mimeType) => {
    expect(validateUpload(name, bytes)).toEqual({ ok: true, fileName, extension, mimeType });
  });

  it("a file of exactly 20 MB", () => {
    expect(validateUpload("大文件.pdf", padded(PDF, MAX_ATTACHMENT_BYTES))).toMatchObject({ ok: true });
  });

  it("a name of exactly 200 characters, counted as characters not UTF-16 units", () => {
    expect(validateUpload(`${"法".repeat(196)}.pdf`, PDF)).toMatchObject({ ok: true });
    expect(validateUpload(`${"𠀀".repeat(196)}.pdf`, PDF)).toMatchObject({ ok: true });
  });
});

describe("validateUpload refuses", () => {
  const PATH = "文件名不能包含路径分隔符";
  const TYPE = "只能上传 PDF、Word、Excel 或 JPG/PNG 图片";
  it.each([
    // empty and too large
    ["空文件.pdf", new Uint8Array(0), "文件是空的"],
    ["太大.pdf", padded(PDF, MAX_ATTACHMENT_BYTES + 1), "文件不能超过 20 MB"],
    // types
    ["病毒.exe", strToU8("MZ\x90\x00"), TYPE],
    ["说明.txt", strToU8("hello"), TYPE],
    ["压缩包.zip", ZIP, TYPE],
    ["没有扩展名", PDF, TYPE],
    ["结尾是点.pdf.", PDF, TYPE],
    ["网页.html", strToU8("<html>"), TYPE],
    // names
    ["../../etc/passwd.pdf", PDF, PATH],
    ["a/b.pdf", PDF, PATH],
    ["C:\\Users\\张三\\报告.pdf", PDF, PATH],
    ["..", PDF, PATH],
    ["报告..pdf", PDF, PATH],
    ["报告\u0000.pdf", PDF, PATH],
    ["报告\n.pdf", PDF, PATH],
    ["报告.pdf\r", PDF, PATH],
    ["报告\t.pdf", PDF, PATH],
    ["报告\u007f.pdf", PDF, PATH],
    ["照片\u202Egpj.exe", JPG, PATH],
    ["", PDF, "文件名不能为空"],
    ["   ", PDF, "文件名不能为空"],
    [`${"法".repeat(197)}.pdf`, PDF, "文件名不能超过 200 个字"],
    [".pdf", PDF, "文件名不能只有扩展名"],
    ["  .docx", DOCX, "文件名不能只有扩展名"],
    [" .pdf", PDF, "文件名不能只有扩展名"],
    // content that does not match the extension
    ["汇报.xlsx", DOCX, "文件内容与扩展名不符:扩展名是 .xlsx,内容却是 Word 文档(.docx)"],
    ["台账.docx", XLSX, "文件内容与扩展名不符:扩展名是 .docx,内容却是 Excel 工作簿(.xlsx)"],
    ["截图.pdf", PNG, "文件内容与扩展名不符:扩展名是 .pdf,内容却是 PNG 图片"],
    ["照片.png", JPG, "文件内容与扩展名不符:扩展名是 .png,内容却是 JPG 图片"],
    ["通知.jpg", PDF, "文件内容与扩展名不符:扩展名是 .jpg,内容却是 PDF 文件"],
    ["纪要.xls", DOC, "文件内容与扩展名不符:扩展名是 .xls,内容却是 Word 97-2003 文档(.doc)"],
    ["统计.doc", XLS, "文件内容与扩展名不符:扩展名是 .doc,内容却是 Excel 97-2003 工作簿(.xls)"],
    ["旧格式.docx", DOC, "文件内容与扩展名不符:扩展名是 .docx,内容却是 Word 97-2003 文档(.doc)"],
    ["新格式.doc", DOCX, "文件内容与扩展名不符:扩展名是 .doc,内容却是 Word 文档(.docx)"],
    ["打包.docx", ZIP, "文件内容与扩展名不符:扩展名是 .docx,内容却是压缩包"],
    ["加密.docx", ENCRYPTED_OOXML, "文件内容与扩展名不符:文件设置了打开密码,请取消密码后再上传"],
    ["文本.pdf", strToU8("这不是 PDF"), "文件内容与扩展名不符:扩展名是 .pdf,内容却不是 PDF 文件"],
    ["程序.jpg", strToU8("MZ\x90\x00\x03"), "文件内容与扩展名不符:扩展名是 .jpg,内容却不是 JPG 图片"],
    ["半个签名.png", PNG.subarray(0, 4), "文件内容与扩展名不符:扩展名是 .png,内容却不是 PNG 图片"],
    ["只有本地头.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), "文件内容与扩展名不符:扩展名是 .xlsx,内容却是压缩包"],
  ])("%j", (name, bytes, message) => {
    expect(validateUpload(name, bytes)).toEqual({ ok: false, message });
  });

  it("a docx whose only 'word/' mention is inside a file's content, not an entry name", () => {
    const sneaky = zipSync({ "readme.txt": strToU8("see word/document.xml and xl/") }, { level: 0 });
    expect(validateUpload("伪装.docx", sneaky)).toEqual({
      ok: false,
      message: "文件内容与扩展名不符:扩展名是 .docx,内容却是压缩包",
    });
  });

  it("checks the name before reading the content", () => {
    expect(validateUpload("../空.pdf", new Uint8Array(0))).toEqual({ ok: false, message: "文件名不能包含路径分隔符" });
  });
});
