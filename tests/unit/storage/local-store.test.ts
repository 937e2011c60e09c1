import { createHash } from "node:crypto";
import * as fsSync from "node:fs";
import * as fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attachmentStore } from "@/lib/storage/attachment-store.ts";
import { LocalAttachmentStore, TEMP_PREFIX } from "@/lib/storage/local-store.ts";

// Every promise-based fs call the store makes goes through a spy, so tests can
// see which paths it touched and make one call fail. Setup uses node:fs (sync).
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const spied = Object.fromEntries(Object.entries(actual).map(([key, value]) => [key, typeof value === "function" ? vi.fn(value) : value]));
  return { ...spied, default: spied };
});

const fsSpies = ["open", "readFile", "stat", "mkdir", "rename", "rm"] as const;

function fsCalls(): unknown[][] {
  return fsSpies.flatMap((name) => vi.mocked(fs[name]).mock.calls as unknown[][]);
}

/** Every file under dir, relative, with forward slashes. */
function filesUnder(dir: string): string[] {
  if (!fsSync.existsSync(dir)) return [];
  return fsSync
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full).map((f) => `${entry.name}/${f}`) : [entry.name];
    })
    .sort();
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const utf8 = (text: string) => new TextEncoder().encode(text);

let root: string;
let store: LocalAttachmentStore;

beforeEach(() => {
  root = fsSync.mkdtempSync(path.join(os.tmpdir(), "fazhi-store-"));
  store = new LocalAttachmentStore(root);
  vi.clearAllMocks();
});

afterEach(() => {
  fsSync.rmSync(root, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("LocalAttachmentStore", () => {
  it("stores by sha256 under two levels of fan-out", async () => {
    const bytes = utf8("2024年第三季度进展情况");
    const hash = sha256(bytes);
    expect(await store.put(bytes)).toEqual({ hash, size: bytes.byteLength });
    expect(filesUnder(root)).toEqual([`${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`]);
    expect(fsSync.readFileSync(path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash))).toEqual(Buffer.from(bytes));
  });

  it("keeps the same file once however often it is put", async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
    const first = await store.put(bytes);
    const second = await store.put(bytes.slice());
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => store.put(bytes)));
    expect(second).toEqual(first);
    expect(concurrent).toEqual([first, first, first, first]);
    expect(filesUnder(root)).toHaveLength(1);
  });

  it("keeps different files apart", async () => {
    const a = await store.put(utf8("甲"));
    const b = await store.put(utf8("乙"));
    expect(a.hash).not.toBe(b.hash);
    expect(filesUnder(root)).toHaveLength(2);
  });

  it("returns the stored bytes as a plain Uint8Array", async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff]);
    const { hash } = await store.put(bytes);
    const read = await store.get(hash);
    expect(read).toBeInstanceOf(Uint8Array);
    expect(read && Array.from(read)).toEqual(Array.from(bytes));
  });

  it("returns bytes a route handler can send as a Response body as they are", async () => {
    const bytes = utf8("下载内容");
    const { hash } = await store.put(bytes);
    const read = await store.get(hash);
    if (!read) throw new Error("missing");
    expect(new Uint8Array(await new Response(read).arrayBuffer())).toEqual(bytes);
  });

  it("stores an empty file", async () => {
    const { hash, size } = await store.put(new Uint8Array(0));
    expect(size).toBe(0);
    expect(await store.has(hash)).toBe(true);
    expect((await store.get(hash))?.byteLength).toBe(0);
  });

  it("answers has and get for unknown hashes", async () => {
    const { hash } = await store.put(utf8("有"));
    const unknown = sha256(utf8("无"));
    expect(await store.has(hash)).toBe(true);
    expect(await store.has(unknown)).toBe(false);
    expect(await store.get(unknown)).toBeNull();
  });

  it.each([
    "../../etc/passwd",
    "../../../../../../etc/passwd",
    "/etc/passwd",
    "..",
    "",
    "abc",
    "A".repeat(64),
    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    `${"a".repeat(63)}g`,
    "a".repeat(65),
    `${"a".repeat(62)}/..`,
    `../${"a".repeat(61)}`,
    `${"a".repeat(64)}\n`,
    ` ${"a".repeat(64)}`,
    `${"a".repeat(64)}\u0000`,
  ])("returns null for the malformed hash %j without touching the filesystem", async (hash) => {
    vi.clearAllMocks();
    expect(await store.get(hash)).toBeNull();
    expect(await store.has(hash)).toBe(false);
    expect(fsCalls()).toEqual([]);
  });

  it("finds a stored file only by its exact lower-case hash", async () => {
    const { hash } = await store.put(utf8("区司法局"));
    expect(await store.get(hash.toUpperCase())).toBeNull();
    expect(await store.has(hash.slice(0, 63))).toBe(false);
  });

  it("only ever touches paths inside its root", async () => {
    const { hash } = await store.put(utf8("内容"));
    await store.get(hash);
    await store.has(hash);
    await store.get("../../etc/passwd");
    await store.get(sha256(utf8("没有")));
    const paths = fsCalls().map((args) => String(args[0]));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p.startsWith(root + path.sep)).toBe(true);
  });

  it("writes through a temp file in the same directory, renamed into place", async () => {
    const bytes = utf8("原子写入");
    const { hash } = await store.put(bytes);
    const [from, to] = vi.mocked(fs.rename).mock.calls[0] ?? [];
    expect(path.dirname(String(from))).toBe(path.dirname(String(to)));
    expect(path.basename(String(from)).startsWith(TEMP_PREFIX)).toBe(true);
    expect(String(to)).toBe(path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash));
    expect(filesUnder(root).some((f) => f.includes(TEMP_PREFIX))).toBe(false);
  });

  it("leaves neither a temp file nor a final file when the rename fails", async () => {
    vi.mocked(fs.rename).mockRejectedValueOnce(Object.assign(new Error("EIO: i/o error"), { code: "EIO" }));
    const bytes = utf8("断电");
    await expect(store.put(bytes)).rejects.toThrow("EIO");
    expect(filesUnder(root)).toEqual([]);
    expect(await store.has(sha256(bytes))).toBe(false);
    // The next attempt succeeds.
    await store.put(bytes);
    expect(await store.has(sha256(bytes))).toBe(true);
    expect(filesUnder(root)).toHaveLength(1);
  });

  it("ignores a half-written temp file left by a crash", async () => {
    const bytes = utf8("完整内容".repeat(100));
    const hash = sha256(bytes);
    const dir = path.join(root, hash.slice(0, 2), hash.slice(2, 4));
    fsSync.mkdirSync(dir, { recursive: true });
    fsSync.writeFileSync(path.join(dir, `${TEMP_PREFIX}${hash}-crashed`), bytes.subarray(0, 10));
    expect(await store.has(hash)).toBe(false);
    expect(await store.get(hash)).toBeNull();
    await store.put(bytes);
    expect(Array.from((await store.get(hash)) ?? [])).toEqual(Array.from(bytes));
  });

  it("replaces a stored file whose size no longer matches", async () => {
    const bytes = utf8("被截断的文件");
    const { hash } = await store.put(bytes);
    const file = path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
    fsSync.truncateSync(file, 3);
    await store.put(bytes);
    expect(fsSync.readFileSync(file).byteLength).toBe(bytes.byteLength);
  });
});

describe("LocalAttachmentStore list and remove (for the cleanup)", () => {
  const at = (hash: string) => path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
  const DAY = 24 * 60 * 60 * 1000;

  it("lists stored files with size and time, and nothing else in the folder", async () => {
    const a = await store.put(utf8("甲"));
    const b = await store.put(utf8("乙乙"));
    const dir = path.dirname(at(a.hash));
    fsSync.writeFileSync(path.join(dir, `${TEMP_PREFIX}${a.hash}-crashed`), "half");
    fsSync.writeFileSync(path.join(dir, "notes.txt"), "by hand");
    // A valid hash in the wrong folder is not where the store would look for it.
    fsSync.writeFileSync(path.join(root, b.hash), "misplaced");
    const listed = [];
    for await (const file of store.list()) listed.push(file);
    expect(listed.map(({ hash, size }) => ({ hash, size })).sort((x, y) => x.hash.localeCompare(y.hash))).toEqual(
      [a, b].sort((x, y) => x.hash.localeCompare(y.hash)),
    );
    expect(listed.every((f) => f.storedAt instanceof Date)).toBe(true);
  });

  it("lists nothing for a root that does not exist yet", async () => {
    const listed = [];
    for await (const file of new LocalAttachmentStore(path.join(root, "missing")).list()) listed.push(file);
    expect(listed).toEqual([]);
  });

  it("removes a file stored before the cut-off, never one stored since", async () => {
    const old = await store.put(utf8("旧文件"));
    const past = new Date(Date.now() - 2 * DAY);
    fsSync.utimesSync(at(old.hash), past, past);
    const fresh = await store.put(utf8("新文件"));
    const cutoff = new Date(Date.now() - DAY);
    expect(await store.remove(fresh.hash, cutoff)).toBe(false);
    expect(await store.remove(old.hash, cutoff)).toBe(true);
    expect(fsSync.existsSync(at(old.hash))).toBe(false);
    expect(fsSync.existsSync(at(fresh.hash))).toBe(true);
    expect(await store.remove(old.hash, cutoff)).toBe(false);
    expect(await store.remove("../../etc/passwd", cutoff)).toBe(false);
  });

  it("renews the time of content put again, so the cleanup keeps it", async () => {
    const bytes = utf8("再次上传");
    const { hash } = await store.put(bytes);
    const past = new Date(Date.now() - 2 * DAY);
    fsSync.utimesSync(at(hash), past, past);
    await store.put(bytes);
    expect(fsSync.statSync(at(hash)).mtime.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await store.remove(hash, new Date(Date.now() - DAY))).toBe(false);
  });
});

describe("attachmentStore", () => {
  it("is the local store under DATA_DIR/uploads, resolved against the working directory", () => {
    vi.stubEnv("DATA_DIR", "some/data");
    const configured = attachmentStore();
    expect(configured).toBeInstanceOf(LocalAttachmentStore);
    expect((configured as LocalAttachmentStore).root).toBe(path.resolve(process.cwd(), "some/data", "uploads"));
  });

  it("defaults to .data/uploads", () => {
    vi.stubEnv("DATA_DIR", undefined);
    expect((attachmentStore() as LocalAttachmentStore).root).toBe(path.resolve(process.cwd(), ".data", "uploads"));
    vi.stubEnv("DATA_DIR", "");
    expect((attachmentStore() as LocalAttachmentStore).root).toBe(path.resolve(process.cwd(), ".data", "uploads"));
  });

  it("keeps an absolute DATA_DIR", async () => {
    vi.stubEnv("DATA_DIR", root);
    const configured = attachmentStore();
    const { hash } = await configured.put(utf8("证明材料"));
    expect(filesUnder(path.join(root, "uploads"))).toEqual([`${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`]);
  });
});
