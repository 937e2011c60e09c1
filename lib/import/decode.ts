import { inflateRawSync } from "node:zlib";
import { zipSync, type Zippable } from "fflate";
import mammoth from "mammoth";

// Turns an uploaded file or pasted text into plain text, refusing anything that
// is too big, not text, or a .docx that could exhaust memory when unpacked.
// Line numbers in warnings are 1-based lines of the returned text, the same
// numbering normaliseLines() uses.

import { MAX_UPLOAD_BYTES } from "@/lib/import/limits.ts";
import { MAX_ZIP_ENTRIES, checkZip, entryData, type ZipEntry } from "@/lib/import/zip-guard.ts";

export { MAX_UPLOAD_BYTES };
/** Total uncompressed size of every entry of a .docx (checked by lib/import/zip-guard.ts). */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;

export type ImportInputErrorCode = "EMPTY" | "TOO_LARGE" | "UNSUPPORTED_TYPE" | "BINARY" | "BAD_ENCODING" | "BAD_DOCX" | "DOCX_TOO_LARGE";

const MESSAGES: Record<ImportInputErrorCode, string> = {
  EMPTY: "文件是空的,没有可导入的文字。",
  TOO_LARGE: "文件超过 10 MB,请拆分后再导入。",
  UNSUPPORTED_TYPE: "不支持这种文件类型,请上传 .txt 文本文件或 .docx 文档,也可以直接粘贴文字。",
  BINARY: "文件不是文本文件,无法读取。请上传 .txt 文本文件或 .docx 文档,也可以直接粘贴文字。",
  BAD_ENCODING: "无法识别文件的文字编码,请用记事本另存为 UTF-8 编码后再导入,或直接粘贴文字。",
  BAD_DOCX: "不是有效的 Word(.docx)文件,请用 Word 打开后重新保存,或直接粘贴文字。",
  DOCX_TOO_LARGE: "Word 文档解压后内容过大(超过 50 MB)或结构异常,请拆分后再导入,或直接粘贴文字。",
};

/** An upload or paste we refuse; `message` is shown to the user as is. */
export class ImportInputError extends Error {
  constructor(
    readonly code: ImportInputErrorCode,
    message: string = MESSAGES[code],
  ) {
    super(message);
    this.name = "ImportInputError";
  }
}

export type DecodeWarning = { line: number; message: string };

export type DecodedDocument = {
  text: string;
  /** "utf-16" only for files that start with a UTF-16 byte-order mark. */
  encoding: "utf-8" | "gb18030" | "utf-16" | "docx";
  warnings: DecodeWarning[];
};

export async function decodeDocument(input: { fileName: string; bytes: Uint8Array }): Promise<DecodedDocument> {
  const { fileName, bytes } = input;
  // Size first: nothing below may touch a file we will refuse anyway.
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new ImportInputError("TOO_LARGE");
  if (bytes.byteLength === 0) throw new ImportInputError("EMPTY");

  const kind = fileKind(fileName);
  if (kind === "docx") return decodeDocx(bytes);
  return decodeText(bytes);
}

/** Pasted text gets the same limits and result shape as an uploaded file. */
export function decodePastedText(text: string): DecodedDocument {
  if (Buffer.byteLength(text, "utf8") > MAX_UPLOAD_BYTES) throw new ImportInputError("TOO_LARGE");
  return finish(text.replace(/^\uFEFF/, ""), "utf-8");
}

// ---------------------------------------------------------------- file types

const TEXT_EXTENSIONS = new Set(["", "txt", "text", "md"]);

function fileKind(fileName: string): "text" | "docx" {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  // ".bashrc"-style names have no extension; "report." has an empty one.
  const ext =
    dot > 0
      ? base
          .slice(dot + 1)
          .trim()
          .toLowerCase()
      : "";
  if (TEXT_EXTENSIONS.has(ext)) return "text";
  if (ext === "docx") return "docx";
  if (ext === "doc" || ext === "wps" || ext === "rtf")
    throw new ImportInputError(
      "UNSUPPORTED_TYPE",
      `不支持旧版 Word(.${ext})文件,请用 Word 或 WPS 打开后"另存为" .docx 格式再导入,或复制全文后粘贴导入。`,
    );
  if (ext === "pdf")
    throw new ImportInputError("UNSUPPORTED_TYPE", "暂不支持 PDF 文件,请复制 PDF 中的文字后粘贴导入,或上传原始的 .docx 文档。");
  throw new ImportInputError("UNSUPPORTED_TYPE");
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .doc/.xls, and encrypted .docx
const BINARY_MAGICS: number[][] = [
  ZIP_MAGIC,
  OLE_MAGIC,
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // MZ (.exe)
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
];

/** Renamed Word/PDF/images, or anything with NULs and control bytes, is not text. */
function looksBinary(bytes: Uint8Array): boolean {
  if (BINARY_MAGICS.some((magic) => startsWith(bytes, magic))) return true;
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) {
    // Tab, LF, VT, FF, CR and ESC occur in real text files; the rest don't.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  return control > 8 && control / sample.length > 0.01;
}

// ---------------------------------------------------------------- plain text

function decodeText(bytes: Uint8Array): DecodedDocument {
  // A BOM is the only reliable encoding label, so it wins over sniffing (UTF-16
  // text would otherwise look binary because of its NUL bytes).
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return finish(new TextDecoder("utf-16le").decode(bytes.subarray(2)), "utf-16");
  if (startsWith(bytes, [0xfe, 0xff])) return finish(new TextDecoder("utf-16be").decode(bytes.subarray(2)), "utf-16");

  if (looksBinary(bytes)) {
    const hint = startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, OLE_MAGIC) ? "(看起来是 Word 文档或压缩包,请确认扩展名)" : "";
    throw new ImportInputError("BINARY", `文件不是文本文件${hint},无法读取。请上传 .txt 文本文件或 .docx 文档,也可以直接粘贴文字。`);
  }
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: Uint8Array): DecodedDocument {
  try {
    return finish(new TextDecoder("utf-8", { fatal: true }).decode(bytes), "utf-8");
  } catch {
    // Not strictly UTF-8. A UTF-8 file cut mid-character still decodes almost
    // cleanly; GBK read as UTF-8 turns nearly every Chinese character into U+FFFD.
  }
  const lenient = new TextDecoder("utf-8").decode(bytes);
  if (plausible(lenient)) return finish(lenient, "utf-8");

  // Node ships full ICU, so "gb18030" (a superset of GBK and GB2312) is built in.
  const gb = new TextDecoder("gb18030").decode(bytes);
  if (plausible(gb) && /[\u4e00-\u9fff]/.test(gb)) return finish(gb, "gb18030");
  throw new ImportInputError("BAD_ENCODING");
}

/**
 * Whether decoded text is real text rather than the wrong guess. Random bytes
 * decoded as GB18030 are mostly valid hanzi, so hanzi alone prove nothing; what
 * gives them away is U+FFFD plus the user-defined areas GBK maps to private use.
 */
function plausible(text: string): boolean {
  let chars = 0;
  let bad = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x20) continue;
    chars++;
    if (cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0x80 && cp <= 0x9f)) bad++;
  }
  return bad <= Math.max(2, chars * 0.005);
}

/** Common ending: LF line breaks, refuse blank text, flag lines with U+FFFD. */
function finish(raw: string, encoding: DecodedDocument["encoding"]): DecodedDocument {
  const text = raw.replace(/\r\n?/g, "\n");
  if (text.trim() === "") throw new ImportInputError("EMPTY");
  const warnings: DecodeWarning[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.includes("\uFFFD")) warnings.push({ line: index + 1, message: `第${index + 1}行含无法识别的字符,可能被截断` });
  });
  return { text, encoding, warnings };
}

// ---------------------------------------------------------------- .docx

async function decodeDocx(bytes: Uint8Array): Promise<DecodedDocument> {
  if (startsWith(bytes, OLE_MAGIC))
    throw new ImportInputError(
      "BAD_DOCX",
      '这不是有效的 .docx 文件(可能是改了扩展名的旧版 .doc,或是加密的文档),请用 Word 打开后"另存为" .docx,或复制全文后粘贴导入。',
    );
  if (!startsWith(bytes, ZIP_MAGIC)) throw new ImportInputError("BAD_DOCX");

  // Real inflated sizes, entry count and ratios, before mammoth sees a byte.
  const check = checkZip(bytes, { maxTotalBytes: MAX_DOCX_UNCOMPRESSED_BYTES, maxEntries: MAX_ZIP_ENTRIES, label: "Word 文档" });
  if (!check.ok) throw new ImportInputError(check.problem === "corrupt" || check.problem === "encrypted" ? "BAD_DOCX" : "DOCX_TOO_LARGE");
  const { entries } = check;
  const names = new Set(entries.map((e) => e.name));
  // Word writes word/document.xml; a few tools use another name, which mammoth
  // finds through _rels/.rels (and fails cleanly if it's missing too).
  if (!names.has("word/document.xml") && !names.has("_rels/.rels")) throw new ImportInputError("BAD_DOCX");

  // Mammoth (via JSZip) would trust the archive and inflate whatever it says.
  // So we inflate the parts it reads ourselves, each capped at its declared
  // size, and hand it a stored (uncompressed) zip of exactly those parts.
  // Media and embedded objects are never read for raw text and are left out.
  const parts: Zippable = {};
  for (const entry of entries) {
    if (!/\.(xml|rels)$/i.test(entry.name)) continue;
    parts[entry.name] = [inflateEntry(bytes, entry), { level: 0 }];
  }

  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(zipSync(parts, { level: 0 })) })).value;
  } catch {
    throw new ImportInputError("BAD_DOCX");
  }
  // Mammoth ends every paragraph (table cells hold paragraphs) with "\n\n";
  // make each paragraph one line, keeping empty paragraphs as empty lines.
  const text = raw.replace(/\n\n/g, "\n").replace(/\n+$/, "");
  return finish(text, "docx");
}

function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  // The guard has read every entry's local header and inflated it to exactly its declared size.
  const data = entryData(bytes, entry);
  if (entry.method === 0) return data;
  try {
    // Capped at the declared size all the same, so this never allocates more than the guard allowed.
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new ImportInputError("DOCX_TOO_LARGE");
    throw new ImportInputError("BAD_DOCX");
  }
}
