import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, db, type Db } from "@/lib/db/client.ts";
import { createRegion, createUser } from "@/lib/demo/factories.ts";
import { removeUnreferencedFiles, UNREFERENCED_FILE_MIN_AGE_MS } from "@/lib/storage/cleanup.ts";
import type { AttachmentStore } from "@/lib/storage/attachment-store.ts";
import { CHUNK_BYTES, DatabaseAttachmentStore, writeBlob } from "@/lib/storage/database-store.ts";
import { LocalAttachmentStore } from "@/lib/storage/local-store.ts";
import { S3AttachmentStore } from "@/lib/storage/s3-store.ts";
import { startS3Emulator, type S3Emulator } from "../support/s3-emulator.ts";

// One contract for the three attachment stores (STORAGE=local|database|s3):
// local on a temp folder, database on this file's own PostgreSQL, s3 on an
// S3-protocol emulator (s3rver) in this process. `open()` gives a second,
// independent instance over the same storage (its own connection pool, its
// own client), as a second app server would have.

let emulator: S3Emulator;
const clients: Db[] = [];
const folders: string[] = [];

beforeAll(async () => {
  emulator = await startS3Emulator();
});

afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

afterAll(async () => {
  await Promise.all(clients.splice(0).map((client) => client.$disconnect()));
  await emulator?.close();
});

function ownClient(url = process.env.DATABASE_URL!): Db {
  const client = createPrisma(url);
  clients.push(client);
  return client;
}

function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-store-"));
  folders.push(folder);
  return folder;
}

type Backend = {
  name: string;
  /** A fresh store over empty (local) or shared (database, s3) storage, and a way to open it again. */
  make(): { store: AttachmentStore; open(): AttachmentStore };
  /** A store that cannot write. */
  broken(): AttachmentStore;
};

const backends: Backend[] = [
  {
    name: "local",
    make() {
      const root = path.join(tempFolder(), "uploads");
      return { store: new LocalAttachmentStore(root), open: () => new LocalAttachmentStore(root) };
    },
    broken() {
      // A folder below a plain file can never be created.
      const file = path.join(tempFolder(), "a-file");
      fs.writeFileSync(file, "x");
      return new LocalAttachmentStore(path.join(file, "uploads"));
    },
  },
  {
    name: "database",
    make() {
      return { store: new DatabaseAttachmentStore(ownClient()), open: () => new DatabaseAttachmentStore(ownClient()) };
    },
    broken() {
      return new DatabaseAttachmentStore(ownClient("postgresql://nobody@127.0.0.1:1/none"));
    },
  },
  {
    name: "s3",
    make() {
      return { store: new S3AttachmentStore(emulator.settings), open: () => new S3AttachmentStore(emulator.settings) };
    },
    broken() {
      return new S3AttachmentStore({ ...emulator.settings, bucket: "no-such-bucket" });
    },
  },
];

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Bytes no other test stores (the database and bucket outlive a test). */
const unique = (size = 1000) => new Uint8Array(randomBytes(size));

async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of body as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

async function listed(store: AttachmentStore, hash: string) {
  const found = [];
  for await (const file of store.list()) if (file.hash === hash) found.push(file);
  return found;
}

const MALFORMED = ["", "../../etc/passwd", "A".repeat(64), "a".repeat(63), `${"a".repeat(63)}/`, "probe".padEnd(64, "-")];

describe.each(backends)("the $name attachment store", (backend) => {
  it("stores bytes under their sha256 and gives them back, whole and as a stream", async () => {
    const { store } = backend.make();
    // Over two database chunks and a bit, so chunk boundaries are crossed.
    const bytes = unique(2 * CHUNK_BYTES + 123);
    const { hash, size } = await store.put(bytes);
    expect(hash).toBe(sha256(bytes));
    expect(size).toBe(bytes.byteLength);

    expect(await store.has(hash)).toBe(true);
    expect(Buffer.from((await store.get(hash))!).equals(Buffer.from(bytes))).toBe(true);
    const stream = (await store.stream(hash))!;
    expect(stream.size).toBe(bytes.byteLength);
    expect(Buffer.from(await readAll(stream.body)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("reads back through a second, independent instance", async () => {
    const { store, open } = backend.make();
    const bytes = unique(CHUNK_BYTES + 1);
    const { hash } = await store.put(bytes);
    const other = open();
    expect(Buffer.from((await other.get(hash))!).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(await readAll((await other.stream(hash))!.body)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("keeps one copy of the same bytes put twice, and of the same bytes put by two instances at once", async () => {
    const { store, open } = backend.make();
    const bytes = unique(CHUNK_BYTES * 3);
    const first = await store.put(bytes);
    expect(await store.put(bytes)).toEqual(first);
    const [a, b] = await Promise.all([store.put(unique(10)).then(() => store.put(bytes)), open().put(bytes)]);
    expect(a).toEqual(first);
    expect(b).toEqual(first);

    expect(await listed(store, first.hash)).toEqual([{ hash: first.hash, size: bytes.byteLength, storedAt: expect.any(Date) }]);
    expect(Buffer.from((await store.get(first.hash))!).equals(Buffer.from(bytes))).toBe(true);
  });

  it("answers null / false for an unknown or malformed hash, and never throws for one", async () => {
    const { store } = backend.make();
    await store.put(unique());
    for (const hash of [sha256(unique()), ...MALFORMED]) {
      expect(await store.get(hash)).toBeNull();
      expect(await store.stream(hash)).toBeNull();
      expect(await store.has(hash)).toBe(false);
      expect(await store.remove(hash, new Date(Date.now() + 60_000))).toBe(false);
    }
  });

  it("lists every stored file with its size and time stored", async () => {
    const { store } = backend.make();
    const before = Date.now() - 2000;
    const files = [unique(10), unique(CHUNK_BYTES + 5), unique(3)];
    const hashes = [];
    for (const bytes of files) hashes.push((await store.put(bytes)).hash);
    for (const [i, hash] of hashes.entries()) {
      const [file] = await listed(store, hash);
      expect(file).toMatchObject({ hash, size: files[i]!.byteLength });
      // Some object stores keep whole seconds.
      expect(file!.storedAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(file!.storedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it("renews the time stored when the same bytes are put again", async () => {
    const { store } = backend.make();
    const bytes = unique();
    const { hash } = await store.put(bytes);
    const [first] = await listed(store, hash);
    // Past a whole second: S3 keeps LastModified in seconds.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await store.put(bytes);
    const [again] = await listed(store, hash);
    expect(again!.storedAt.getTime()).toBeGreaterThan(first!.storedAt.getTime());
  });

  it("removes a file only when it was stored before the given time", async () => {
    const { store } = backend.make();
    const { hash } = await store.put(unique());
    expect(await store.remove(hash, new Date(Date.now() - 60_000))).toBe(false);
    expect(await store.has(hash)).toBe(true);

    expect(await store.remove(hash, new Date(Date.now() + 60_000))).toBe(true);
    expect(await store.has(hash)).toBe(false);
    expect(await store.get(hash)).toBeNull();
    expect(await listed(store, hash)).toEqual([]);
    expect(await store.remove(hash, new Date(Date.now() + 60_000))).toBe(false);
  });

  it("checks it can write without leaving anything listed", async () => {
    const { store } = backend.make();
    const count = async () => {
      let n = 0;
      for await (const _ of store.list()) n++;
      return n;
    };
    const before = await count();
    await expect(store.checkWritable()).resolves.toBeUndefined();
    expect(await count()).toBe(before);
  });

  it("fails the write check when it cannot write", async () => {
    await expect(backend.broken().checkWritable()).rejects.toThrow();
  });
});

describe("the orphan-file cleanup over the database store", () => {
  it("removes an unreferenced file stored over a day ago, chunks and all; keeps referenced and fresh ones", async () => {
    const store = new DatabaseAttachmentStore(db());
    const region = await createRegion(db(), { code: "420204", name: "下陆区", level: "DISTRICT" });
    const user = await createUser(db(), { login: "a.bureau", name: "司法局", role: "BUREAU", regionId: region.id });
    const aged = async (bytes: Uint8Array, ageMs: number) => {
      const { hash, size } = await store.put(bytes);
      await db().attachmentBlob.update({ where: { hash }, data: { storedAt: new Date(Date.now() - ageMs) } });
      return { hash, size };
    };
    const referenced = await aged(unique(), 3 * UNREFERENCED_FILE_MIN_AGE_MS);
    await db().attachment.create({
      data: {
        districtId: region.id,
        fileName: "旧.pdf",
        contentHash: referenced.hash,
        size: referenced.size,
        mimeType: "application/pdf",
        uploadedById: user.id,
      },
    });
    const orphan = await aged(unique(CHUNK_BYTES * 2), UNREFERENCED_FILE_MIN_AGE_MS + 60_000);
    const fresh = await aged(unique(), UNREFERENCED_FILE_MIN_AGE_MS - 60_000);

    const result = await removeUnreferencedFiles({ db: db(), store });
    expect(result).toMatchObject({ checked: 3, kept: 2 });
    expect(result.removed.map((f) => f.hash)).toEqual([orphan.hash]);
    expect(await db().attachmentChunk.count({ where: { hash: orphan.hash } })).toBe(0);
    expect(await store.has(referenced.hash)).toBe(true);
    expect(await store.has(fresh.hash)).toBe(true);
  });
});

describe("a database-store put racing the orphan-file cleanup", () => {
  it("stores the file again when the cleanup deletes it between finding it there and renewing its time", async () => {
    const store = new DatabaseAttachmentStore(db());
    const bytes = unique(CHUNK_BYTES + 10);
    const { hash } = await store.put(bytes);
    const cleanup = ownClient();
    await db().$transaction(async (tx) => {
      // The transaction as writeBlob sees it, but the cleanup's DELETE commits
      // (on its own connection) right after the insert found the row there.
      const raced = new Proxy(tx, {
        get(target, key, receiver) {
          if (key !== "attachmentBlob") return Reflect.get(target, key, receiver);
          const blobs = target.attachmentBlob;
          return new Proxy(blobs, {
            get(inner, name, innerReceiver) {
              if (name !== "createMany") return Reflect.get(inner, name, innerReceiver);
              return async (...args: Parameters<typeof blobs.createMany>) => {
                const result = await blobs.createMany(...args);
                if (result.count === 0) await cleanup.attachmentBlob.deleteMany({ where: { hash } });
                return result;
              };
            },
          });
        },
      });
      await writeBlob(raced, hash, bytes);
    });
    expect(await store.has(hash)).toBe(true);
    expect(Buffer.from((await store.get(hash))!).equals(Buffer.from(bytes))).toBe(true);
    expect(await db().attachmentChunk.count({ where: { hash } })).toBe(2);
  });
});
