import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as downloadAttachment } from "@/app/(app)/attachments/[id]/route.ts";
import { createPrisma, db, type Db } from "@/lib/db/client.ts";
import { createMeasure, createPlan } from "@/lib/demo/factories.ts";
import { parseEnv } from "@/lib/env.ts";
import { saveProgressDraft, submitProgressReport } from "@/lib/progress/actions.ts";
import { attachmentStore } from "@/lib/storage/attachment-store.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// Issue 14, acceptance 2: evidence uploaded through one app server downloads
// through another with STORAGE=database. Each "server" here has its own
// DATA_DIR (a disk of its own) and, for the stores, its own connection pool;
// nothing on either disk is needed. (bench:load checks the same through two
// real servers over HTTP.)

const folders: string[] = [];
const clients: Db[] = [];

function serverDisk(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-server-"));
  folders.push(folder);
  return folder;
}

/** Every file under a folder, relative. */
function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

afterEach(() => {
  vi.unstubAllEnvs();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
});

describe("STORAGE=database: a second server reads what the first stored", () => {
  it("through two store instances, each with its own pool and its own DATA_DIR", async () => {
    const server = () => {
      const client = createPrisma(process.env.DATABASE_URL!);
      clients.push(client);
      const disk = serverDisk();
      const env = parseEnv({ ...process.env, STORAGE: "database", DATA_DIR: disk });
      return { store: attachmentStore({ env, db: client }), disk };
    };
    const a = server();
    const b = server();
    const bytes = new Uint8Array(randomBytes(700 * 1024));

    const { hash } = await a.store.put(bytes);

    expect(Buffer.from((await b.store.get(hash))!).equals(Buffer.from(bytes))).toBe(true);
    const streamed = (await b.store.stream(hash))!;
    expect(streamed.size).toBe(bytes.byteLength);
    expect(Buffer.from(await new Response(streamed.body).arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect(filesUnder(a.disk)).toEqual([]);
    expect(filesUnder(b.disk)).toEqual([]);
  });
});

describe("an evidence file uploaded on server A, downloaded on server B", () => {
  const PDF = new Uint8Array([...new TextEncoder().encode("%PDF-1.4\n"), ...randomBytes(300 * 1024)]);
  const FILE_NAME = "执法案卷评查报告.pdf";
  let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
  let assignmentId: number;

  beforeEach(async () => {
    // In 2024-Q3, the period the report is for.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
    world = await buildTwoDistricts();
    const plan = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设实施方案" });
    const measure = await createMeasure(db(), { planId: plan.id, code: "1", leadUnitIds: [world.a.units.development.id] });
    assignmentId = (await db().assignment.findFirstOrThrow({ where: { measureId: measure.id } })).id;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** The report form's POST, on the server whose disk is DATA_DIR; the new attachment's id. */
  async function uploadOn(disk: string): Promise<number> {
    vi.stubEnv("DATA_DIR", disk);
    await actAs(world.a.users.liaison);
    const result = await submitProgressReport(submission(assignmentId, [new File([PDF], FILE_NAME, { type: "application/pdf" })]));
    expect(result).toMatchObject({ ok: true });
    return (await db().attachment.findFirstOrThrow({ where: { fileName: FILE_NAME } })).id;
  }

  async function downloadOn(disk: string, attachmentId: number, user: { id: number }): Promise<Response> {
    vi.stubEnv("DATA_DIR", disk);
    await actAs(user);
    return downloadAttachment(new Request(`http://localhost/attachments/${attachmentId}`), {
      params: Promise.resolve({ id: String(attachmentId) }),
    });
  }

  /** Assignments of `count` new measures led by 区发展改革局, all in one new plan. */
  async function newAssignments(count: number, title: string): Promise<number[]> {
    const plan = await createPlan(db(), { regionId: world.a.region.id, title });
    const ids: number[] = [];
    for (let i = 1; i <= count; i++) {
      const measure = await createMeasure(db(), { planId: plan.id, code: String(i), leadUnitIds: [world.a.units.development.id] });
      ids.push((await db().assignment.findFirstOrThrow({ where: { measureId: measure.id } })).id);
    }
    return ids;
  }

  /** The report form's submission for 2024-Q3 with these files. */
  function submission(assignmentId: number, files: File[]): FormData {
    const form = new FormData();
    const fields = { assignmentId, periodKey: "2024-Q3", text: "已完成案卷评查。", percent: 50, claimedStatus: "IN_PROGRESS" };
    for (const [key, value] of Object.entries(fields)) form.set(key, String(value));
    for (const file of files) form.append("evidence", file);
    return form;
  }

  it("with STORAGE=database: the same bytes and headers, and neither disk holds the file", async () => {
    vi.stubEnv("STORAGE", "database");
    const [diskA, diskB] = [serverDisk(), serverDisk()];
    const id = await uploadOn(diskA);

    const response = await downloadOn(diskB, id, world.a.users.bureau);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Length")).toBe(String(PDF.byteLength));
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true);
    expect([...filesUnder(diskA), ...filesUnder(diskB)]).toEqual([]);

    // The scope check is the route's, whatever the store: another district's bureau gets 404.
    expect((await downloadOn(diskB, id, world.b.users.bureau)).status).toBe(404);
  });

  // Found by `npm run bench:load` with STORAGE=database: 100 liaisons at once
  // on one server lost 82 reports with 系统出现错误. Each submission held a pool
  // connection for its transaction and waited for a second one to store the
  // file, so a full pool waited on itself ("Unable to start a transaction in
  // the given time"). More submissions at once than the pool has connections:
  // every one must arrive, with its file, and a refused one must leave no file.
  it("with STORAGE=database: more submissions at once than the pool has connections all arrive, each with its file", async () => {
    vi.stubEnv("STORAGE", "database");
    vi.stubEnv("DATA_DIR", serverDisk());
    const assignmentIds = await newAssignments(14, "下陆区法治政府建设实施方案(并发)");
    await actAs(world.a.users.liaison);
    const results = await Promise.all(
      assignmentIds.map((id, i) =>
        submitProgressReport(submission(id, [new File([PDF, new Uint8Array([i])], `评查报告-${i}.pdf`, { type: "application/pdf" })])),
      ),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await db().progressReport.count({ where: { assignmentId: { in: assignmentIds }, state: "SUBMITTED" } })).toBe(14);
    expect(await db().attachmentBlob.count()).toBe(14);
  }, 60_000);

  // Found by review: two reports attaching the same two files in opposite
  // orders locked the blobs in opposite orders inside their transactions, and
  // PostgreSQL broke the deadlock by failing one (系统出现错误).
  it("with STORAGE=database: reports attaching the same files in opposite orders at once all arrive", async () => {
    vi.stubEnv("STORAGE", "database");
    vi.stubEnv("DATA_DIR", serverDisk());
    const assignmentIds = await newAssignments(8, "下陆区法治政府建设实施方案(同一材料)");
    const shared = [0, 1, 2].map((n) => new File([PDF, new Uint8Array([200 + n])], `共用材料-${n}.pdf`, { type: "application/pdf" }));
    await actAs(world.a.users.liaison);
    const results = await Promise.all(
      assignmentIds.map((id, i) => submitProgressReport(submission(id, i % 2 === 0 ? shared : [...shared].reverse()))),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await db().attachment.count({ where: { report: { assignmentId: { in: assignmentIds } } } })).toBe(24);
    expect(await db().attachmentBlob.count()).toBe(3);
  }, 60_000);

  it("with STORAGE=database: a submission refused inside its transaction leaves no file behind", async () => {
    vi.stubEnv("STORAGE", "database");
    vi.stubEnv("DATA_DIR", serverDisk());
    await actAs(world.a.users.liaison);
    expect(await saveProgressDraft(submission(assignmentId, []))).toMatchObject({ ok: true });
    const form = submission(assignmentId, [new File([PDF], FILE_NAME, { type: "application/pdf" })]);
    // A stale version: refused by the write, after the file was stored in the same transaction.
    form.set("version", "99");
    const result = await submitProgressReport(form);
    expect(result).toMatchObject({ ok: false });
    expect(await db().attachmentBlob.count()).toBe(0);
    expect(await db().attachmentChunk.count()).toBe(0);
  });

  it("with STORAGE=local (the default) server B has no such file: why two servers need another store", async () => {
    const [diskA, diskB] = [serverDisk(), serverDisk()];
    const id = await uploadOn(diskA);
    expect((await downloadOn(diskA, id, world.a.users.bureau)).status).toBe(200);
    expect((await downloadOn(diskB, id, world.a.users.bureau)).status).toBe(404);
  });
});
