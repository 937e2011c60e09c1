import { Inflate } from "fflate";

// The one check every uploaded zip container (.docx document import, .xlsx
// ledger import) passes before any library unpacks it. Mammoth and exceljs
// (both through JSZip) inflate whatever the archive holds, so a 10 MB upload
// could make them allocate gigabytes. The guard:
//   1. reads the central directory itself (zip64 included) and refuses too many
//      entries, duplicate names and encrypted entries;
//   2. refuses on the declared sizes: the total over the cap, or an entry over
//      1 MB compressed more than 100:1;
//   3. inflates every entry (streaming, in small slices, keeping nothing) and
//      stops as soon as an entry yields more than it declared: the declared
//      sizes can lie, the real ones cannot. Since each entry is at most its
//      declared size and the declared total is under the cap, what the library
//      later inflates is under the cap too.

export type ZipLimits = {
  /** Cap on the total inflated size of all entries. */
  maxTotalBytes: number;
  /** Cap on the number of entries. */
  maxEntries: number;
  /** The word for the file in messages: "Word 文档", "工作簿". */
  label: string;
};

/** Entries above this size may not be compressed more than MAX_COMPRESSION_RATIO:1. */
export const RATIO_MIN_BYTES = 1024 * 1024;
export const MAX_COMPRESSION_RATIO = 100;
/** Entries in an Office file: a few dozen usually, a few hundred with many images. */
export const MAX_ZIP_ENTRIES = 1000;

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
};

export type ZipProblem = "corrupt" | "encrypted" | "too-many-entries" | "too-large" | "size-mismatch";

export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem; message: string };

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function messageOf(problem: ZipProblem, limits: ZipLimits): string {
  const { label } = limits;
  switch (problem) {
    case "corrupt":
      return `${label}已损坏或不是有效的文件,无法读取`;
    case "encrypted":
      return `${label}设置了密码,请取消密码后再导入`;
    case "too-many-entries":
      return `${label}内含的部件超过 ${limits.maxEntries} 个,结构异常,无法读取`;
    case "too-large":
      return `${label}解压后超过 ${mb(limits.maxTotalBytes)} MB(或压缩比异常),请删去无关内容后再导入`;
    case "size-mismatch":
      return `${label}的压缩结构异常(记录的大小与实际内容不符),可能是恶意构造的文件,无法读取`;
  }
}

class ZipRefused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem);
  }
}

const refuse = (problem: ZipProblem): never => {
  throw new ZipRefused(problem);
};

/** Checks a zip before anything unpacks it; the entries come back for callers that read some themselves. */
export function checkZip(bytes: Uint8Array, limits: ZipLimits): ZipCheck {
  try {
    const entries = readCentralDirectory(bytes, limits.maxEntries);
    let declared = 0;
    for (const entry of entries) {
      if (entry.flags & 0x1) refuse("encrypted");
      declared += entry.size;
      const ratio = entry.size / Math.max(entry.compressedSize, 1);
      if (declared > limits.maxTotalBytes || (entry.size > RATIO_MIN_BYTES && ratio > MAX_COMPRESSION_RATIO)) refuse("too-large");
    }
    for (const entry of entries) inflatedSizeAtMost(bytes, entry);
    return { ok: true, entries };
  } catch (error) {
    if (error instanceof ZipRefused) return { ok: false, problem: error.problem, message: messageOf(error.problem, limits) };
    throw error;
  }
}

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}
function u64(b: Uint8Array, o: number): number {
  // Sizes above 2^53 are nonsense for a 10 MB upload; they fail the size checks.
  return u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;
}

/** Reads the central directory (zip64 included) without decompressing anything. */
function readCentralDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const len = bytes.length;
  // The end record is 22 bytes plus a comment of up to 65535 bytes.
  let eocd = -1;
  for (let i = len - 22; i >= 0 && i >= len - 22 - 0xffff; i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse("corrupt");
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (eocd >= 20 && u32(bytes, eocd - 20) === 0x07064b50) {
    const z = u64(bytes, eocd - 12);
    if (z + 56 > len || u32(bytes, z) !== 0x06064b50) refuse("corrupt");
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (count > maxEntries) refuse("too-many-entries");
  if (cdOffset + cdSize > len || count * 46 > cdSize) refuse("corrupt");

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  const names = new TextDecoder("utf-8");
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > len || u32(bytes, p) !== 0x02014b50) refuse("corrupt");
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    if (p + 46 + nameLen + extraLen + commentLen > len) refuse("corrupt");
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      localHeaderOffset: u32(bytes, p + 42),
    };
    // Zip64: a 0xFFFFFFFF field means the real value is in extra field 0x0001,
    // which lists only the overflowing fields, in this order.
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      let found = false;
      while (e + 4 <= end) {
        const id = u16(bytes, e);
        const size = u16(bytes, e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const take = () => {
            if (q + 8 > e + 4 + size) refuse("corrupt");
            const v = u64(bytes, q);
            q += 8;
            return v;
          };
          if (entry.size === 0xffffffff) entry.size = take();
          if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
          if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
          found = true;
          break;
        }
        e += 4 + size;
      }
      if (!found) refuse("corrupt");
    }
    // Two entries with one name could show the library a part we never checked.
    if (seen.has(entry.name)) refuse("corrupt");
    seen.add(entry.name);
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** An entry's compressed bytes, located through its local header. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const h = entry.localHeaderOffset;
  if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50) refuse("corrupt");
  const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) refuse("corrupt");
  return bytes.subarray(start, end);
}

// Deflate expands at most ~1032:1, so one slice yields at most ~4 MB.
const SLICE_BYTES = 4 * 1024;

/** Inflates the entry, keeping nothing, and refuses it once it yields more (or ends with less) than declared. */
function inflatedSizeAtMost(bytes: Uint8Array, entry: ZipEntry): void {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) refuse("size-mismatch");
    return;
  }
  if (entry.method !== 8) refuse("corrupt");
  let produced = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    produced += chunk.length;
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < data.length || at === 0; at += SLICE_BYTES) {
      const last = at + SLICE_BYTES >= data.length;
      inflate.push(data.subarray(at, at + SLICE_BYTES), last);
      if (produced > entry.size) refuse("size-mismatch");
      if (last) break;
    }
  } catch (error) {
    if (error instanceof ZipRefused) throw error;
    refuse("corrupt");
  }
  if (!ended || produced !== entry.size) refuse("size-mismatch");
}
