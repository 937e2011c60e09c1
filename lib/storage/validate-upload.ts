/**
 * Checks an evidence file before it reaches the attachment store: the name is
 * safe to show and to offer back as a download name, the type is one the
 * reviewers can open, and the bytes really are that type (a renamed .exe or a
 * .docx saved as .xlsx is refused rather than stored).
 */

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/**
 * All files of one save together: two files of the largest size. More go in
 * another save (a draft keeps the files saved with it). next.config.js lets
 * request bodies this large through, with room for the report's text.
 */
export const MAX_EVIDENCE_TOTAL_BYTES = 40 * 1024 * 1024;
export const MAX_ATTACHMENT_NAME_LENGTH = 200;

export const ATTACHMENT_MIME_TYPES = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
} as const;

export type AttachmentExtension = keyof typeof ATTACHMENT_MIME_TYPES;
export type AttachmentMimeType = (typeof ATTACHMENT_MIME_TYPES)[AttachmentExtension];

/** For `<input type="file" accept=…>`. */
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_MIME_TYPES)
  .map((ext) => `.${ext}`)
  .join(",");

export const UPLOAD_MESSAGES = {
  empty: "文件是空的",
  tooLarge: "文件不能超过 20 MB",
  totalTooLarge: "一次上传的附件合计不能超过 40 MB,请分几次保存",
  refused: "附件有问题,未保存任何内容;您填写的文字已保留。",
  type: "只能上传 PDF、Word、Excel 或 JPG/PNG 图片",
  mismatch: "文件内容与扩展名不符",
  path: "文件名不能包含路径分隔符",
  blankName: "文件名不能为空",
  longName: `文件名不能超过 ${MAX_ATTACHMENT_NAME_LENGTH} 个字`,
  onlyExtension: "文件名不能只有扩展名",
} as const;

/**
 * The size rules alone, on names and sizes: the form checks them before
 * sending (so a file the server would refuse is never sent), the action again
 * before reading any bytes. One line per problem.
 */
export function evidenceSizeProblems(files: readonly { name: string; size: number }[]): string[] {
  const problems = files.filter((f) => f.size > MAX_ATTACHMENT_BYTES).map((f) => `“${f.name}”:${UPLOAD_MESSAGES.tooLarge}`);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_EVIDENCE_TOTAL_BYTES) problems.push(UPLOAD_MESSAGES.totalTooLarge);
  return problems;
}

export type UploadValidation =
  { ok: true; fileName: string; extension: AttachmentExtension; mimeType: AttachmentMimeType } | { ok: false; message: string };

export function validateUpload(fileName: string, bytes: Uint8Array): UploadValidation {
  // Refused, not cleaned up: a name like "../x.pdf" or "a\u0000.pdf" means a
  // broken or hostile client, and a silently altered name surprises the user.
  // Control characters include the bidi overrides ("\u202E") that make
  // "fdp.exe" look like "exe.pdf".
  if (/[/\\\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(fileName) || fileName.includes("..")) {
    return fail(UPLOAD_MESSAGES.path);
  }
  const name = fileName.trim().normalize("NFC");
  if (name === "") return fail(UPLOAD_MESSAGES.blankName);
  if ([...name].length > MAX_ATTACHMENT_NAME_LENGTH) return fail(UPLOAD_MESSAGES.longName);

  const dot = name.lastIndexOf(".");
  const extension = dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
  if (!isAllowedExtension(extension)) return fail(UPLOAD_MESSAGES.type);
  if (name.slice(0, dot).trim() === "") return fail(UPLOAD_MESSAGES.onlyExtension);

  if (bytes.byteLength === 0) return fail(UPLOAD_MESSAGES.empty);
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return fail(UPLOAD_MESSAGES.tooLarge);

  const problem = contentProblem(extension, bytes);
  if (problem) return fail(`${UPLOAD_MESSAGES.mismatch}:${problem}`);

  return { ok: true, fileName: name, extension, mimeType: ATTACHMENT_MIME_TYPES[extension] };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function isAllowedExtension(value: string): value is AttachmentExtension {
  return Object.hasOwn(ATTACHMENT_MIME_TYPES, value);
}

// --- Content sniffing -------------------------------------------------------

type Kind = "pdf" | "doc" | "xls" | "ole" | "encrypted" | "docx" | "xlsx" | "zip" | "jpeg" | "png";

const EXPECTED: Record<AttachmentExtension, Kind> = {
  pdf: "pdf",
  doc: "doc",
  docx: "docx",
  xls: "xls",
  xlsx: "xlsx",
  jpg: "jpeg",
  jpeg: "jpeg",
  png: "png",
};

const DESCRIPTION: Record<Kind, string> = {
  pdf: "PDF 文件",
  doc: "Word 97-2003 文档(.doc)",
  xls: "Excel 97-2003 工作簿(.xls)",
  ole: "旧版 Office 文件",
  encrypted: "加密的 Office 文件",
  docx: "Word 文档(.docx)",
  xlsx: "Excel 工作簿(.xlsx)",
  zip: "压缩包",
  jpeg: "JPG 图片",
  png: "PNG 图片",
};

/** Why the bytes are not what the extension says, or null when they are. */
function contentProblem(extension: AttachmentExtension, bytes: Uint8Array): string | null {
  const expected = EXPECTED[extension];
  const actual = sniff(bytes);
  if (actual === expected) return null;
  // An OLE2 file without recognisable stream names: the header is all the check asks for.
  if (actual === "ole" && (expected === "doc" || expected === "xls")) return null;
  if (actual === "encrypted" && (expected === "docx" || expected === "xlsx")) {
    return "文件设置了打开密码,请取消密码后再上传";
  }
  const label = `.${extension}`;
  return actual
    ? `扩展名是 ${label},内容却是${spaced(DESCRIPTION[actual])}`
    : `扩展名是 ${label},内容却不是${spaced(DESCRIPTION[expected])}`;
}

/** A space before Latin text, as elsewhere in the UI ("上传 PDF"). */
function spaced(text: string): string {
  return /^[A-Za-z]/.test(text) ? ` ${text}` : text;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = ascii("%PDF-");

function sniff(bytes: Uint8Array): Kind | null {
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (startsWith(bytes, OLE2)) return sniffOle(bytes);
  if (startsWith(bytes, ZIP)) return sniffZip(bytes);
  // Readers accept the header anywhere in the first 1 KB, and some scanners put bytes before it.
  if (indexOf(bytes.subarray(0, 1024), PDF) >= 0) return "pdf";
  return null;
}

/**
 * Tells Word from Excel by the stream names in the compound file's directory,
 * stored as NUL-terminated UTF-16LE. A password-protected .docx/.xlsx is also
 * an OLE2 file, holding the real zip in an "EncryptedPackage" stream.
 */
function sniffOle(bytes: Uint8Array): Kind {
  if (indexOf(bytes, utf16("EncryptedPackage")) >= 0) return "encrypted";
  const word = indexOf(bytes, utf16("WordDocument")) >= 0;
  const excel = indexOf(bytes, utf16("Workbook")) >= 0 || indexOf(bytes, utf16("Book")) >= 0;
  // Both happen when one embeds the other; don't guess which is the container.
  if (word === excel) return "ole";
  return word ? "doc" : "xls";
}

/**
 * An Office Open XML file is a zip whose entries live under "word/" or "xl/".
 * The names are read from the central directory headers (signature PK\1\2,
 * name length at +28, name at +46); nothing is inflated.
 */
function sniffZip(bytes: Uint8Array): Kind {
  let word = false;
  let excel = false;
  for (const name of centralDirectoryNames(bytes)) {
    if (name.startsWith("word/")) word = true;
    else if (name.startsWith("xl/")) excel = true;
  }
  if (word === excel) return "zip";
  return word ? "docx" : "xlsx";
}

function* centralDirectoryNames(bytes: Uint8Array): Generator<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder("utf-8", { fatal: false });
  // Headers are found by signature rather than through the end-of-directory
  // record, which also copes with zip64 and trailing bytes. A false match in
  // compressed data would need a name beginning "word/" or "xl/" as well.
  for (let at = indexOf(bytes, CENTRAL_HEADER); at >= 0; at = indexOf(bytes, CENTRAL_HEADER, at + 4)) {
    if (at + 46 > bytes.byteLength) return;
    const length = view.getUint16(at + 28, true);
    const end = at + 46 + length;
    if (end > bytes.byteLength) continue;
    yield decoder.decode(bytes.subarray(at + 46, end));
  }
}

const CENTRAL_HEADER = [0x50, 0x4b, 0x01, 0x02];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.byteLength >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** First index of needle in bytes at or after from, or -1. */
function indexOf(bytes: Uint8Array, needle: readonly number[], from = 0): number {
  const first = needle[0];
  const last = bytes.byteLength - needle.length;
  for (let i = bytes.indexOf(first as number, from); i >= 0 && i <= last; i = bytes.indexOf(first as number, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** A directory-entry name: UTF-16LE plus its terminating NUL, so "Book" doesn't match "Bookmarks". */
function utf16(text: string): number[] {
  return [...text, "\0"].flatMap((c) => [c.charCodeAt(0), 0]);
}
