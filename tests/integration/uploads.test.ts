import * as fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan } from "@/lib/demo/factories.ts";
import { saveProgressDraft, submitProgressReport } from "@/lib/progress/actions.ts";
import { attachmentStore } from "@/lib/storage/attachment-store.ts";
import { removeUnreferencedFiles } from "@/lib/storage/cleanup.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// Evidence reaches storage only once the actor may attach it to that
// assignment, and stored files nothing refers to go after a day.

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let lead: { id: number };
let responsible: { id: number };
let otherDistrictAssignment: { id: number };

const uploadsDir = () => path.resolve(process.cwd(), process.env.DATA_DIR!, "uploads");

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
  await fs.rm(uploadsDir(), { recursive: true, force: true });
  world = await buildTwoDistricts();
  const plan = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设实施方案" });
  const measure = await createMeasure(db(), {
    planId: plan.id,
    code: "1",
    deadline: "2024-12-31",
    leadUnitIds: [world.a.units.justice.id],
    responsibleUnitIds: [world.a.units.development.id],
  });
  const assignments = await db().assignment.findMany({ where: { measureId: measure.id } });
  lead = assignments.find((a) => a.role === "LEAD")!;
  responsible = assignments.find((a) => a.role === "RESPONSIBLE")!;
  const otherPlan = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });
  const otherMeasure = await createMeasure(db(), { planId: otherPlan.id, code: "1", leadUnitIds: [world.b.units.development.id] });
  otherDistrictAssignment = await db().assignment.findFirstOrThrow({ where: { measureId: otherMeasure.id } });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A valid PDF header padded to `size` bytes; `seed` makes the content (and so the hash) differ. */
function pdfBytes(size: number, seed = 0): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(`%PDF-1.4\n%${seed}\n`));
  return bytes;
}

function withFiles(assignmentId: number, files: File[]) {
  const form = new FormData();
  const fields = { assignmentId, periodKey: "2024-Q3", text: "已完成制度起草。", percent: 60, claimedStatus: "IN_PROGRESS" };
  for (const [key, value] of Object.entries(fields)) form.set(key, String(value));
  for (const file of files) form.append("evidence", file);
  return form;
}

/** Every file under the uploads folder (temp files included), with its size. */
async function storedFiles(): Promise<string[]> {
  const root = uploadsDir();
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.push(`${path.relative(root, full)} ${(await fs.stat(full)).size}`);
  }
  return files.sort();
}

describe("a refused upload stores nothing", () => {
  const NINE_MB = 9 * 1024 * 1024;
  it.each([
    ["a liaison posting to another unit's assignment", () => world.a.users.liaison, () => lead.id, "NOT_FOUND"],
    ["a liaison posting in another district", () => world.a.users.liaison, () => otherDistrictAssignment.id, "NOT_FOUND"],
    ["a bureau posting in another district", () => world.a.users.bureau, () => otherDistrictAssignment.id, "NOT_FOUND"],
    ["a liaison posting to an unknown assignment", () => world.a.users.liaison, () => 999_999, "NOT_FOUND"],
    ["a leader (wrong role) posting at all", () => world.a.users.leader, () => responsible.id, "FORBIDDEN"],
  ])("%s", async (_label, user, assignmentId, code) => {
    await actAs(user());
    // One file already stored, so "unchanged" is tested against a real folder.
    await attachmentStore().put(pdfBytes(1000, 1));
    const before = await storedFiles();
    expect(before).toHaveLength(1);
    for (const action of [saveProgressDraft, submitProgressReport]) {
      const result = await action(withFiles(assignmentId(), [new File([pdfBytes(NINE_MB, 2)], "佐证.pdf", { type: "application/pdf" })]));
      expect(result).toMatchObject({ ok: false, code });
    }
    expect(await storedFiles()).toEqual(before);
    expect(await db().attachment.count()).toBe(0);
  });

  it("an allowed upload is stored (the test above can see a file appear)", async () => {
    await actAs(world.a.users.liaison);
    const result = await saveProgressDraft(withFiles(responsible.id, [new File([pdfBytes(NINE_MB, 2)], "佐证.pdf")]));
    expect(result).toMatchObject({ ok: true });
    expect(await storedFiles()).toHaveLength(1);
    expect(await db().attachment.count()).toBe(1);
  });
});

describe("removeUnreferencedFiles", () => {
  const DAY = 24 * 60 * 60 * 1000;

  /** Stores bytes and backdates the file as if stored `ageMs` ago. */
  async function storeAged(bytes: Uint8Array, ageMs: number) {
    const { hash, size } = await attachmentStore().put(bytes);
    const file = path.join(uploadsDir(), hash.slice(0, 2), hash.slice(2, 4), hash);
    const when = new Date(Date.now() - ageMs);
    await fs.utimes(file, when, when);
    return { hash, size, file };
  }

  async function attach(hash: string, size: number) {
    await actAs(world.a.users.liaison);
    const saved = await saveProgressDraft(withFiles(responsible.id, []));
    if (!saved.ok) throw new Error(saved.message);
    await db().attachment.create({
      data: {
        districtId: world.a.region.id,
        reportId: saved.data.id,
        fileName: "旧.pdf",
        contentHash: hash,
        size,
        mimeType: "application/pdf",
        uploadedById: world.a.users.liaison.id,
      },
    });
  }

  const exists = (file: string) =>
    fs.stat(file).then(
      () => true,
      () => false,
    );

  it("removes an unreferenced file older than a day; keeps referenced and fresh ones", async () => {
    const referencedOld = await storeAged(pdfBytes(2000, 1), 3 * DAY);
    await attach(referencedOld.hash, referencedOld.size);
    const orphanOld = await storeAged(pdfBytes(2000, 2), DAY + 60_000);
    const orphanFresh = await storeAged(pdfBytes(2000, 3), DAY - 60_000);

    const dry = await removeUnreferencedFiles({ dryRun: true });
    expect(dry.removed.map((f) => f.hash)).toEqual([orphanOld.hash]);
    expect(await exists(orphanOld.file)).toBe(true);

    const result = await removeUnreferencedFiles();
    expect(result).toMatchObject({ dryRun: false, checked: 3, kept: 2 });
    expect(result.removed).toEqual([{ hash: orphanOld.hash, size: 2000, storedAt: expect.any(Date) }]);
    expect(await exists(orphanOld.file)).toBe(false);
    expect(await exists(referencedOld.file)).toBe(true);
    expect(await exists(orphanFresh.file)).toBe(true);

    // A second run finds nothing more to do.
    expect((await removeUnreferencedFiles()).removed).toEqual([]);
  });

  it("storing old content again makes it fresh, so an upload in flight is never removed", async () => {
    const old = await storeAged(pdfBytes(2000, 4), 5 * DAY);
    // The same bytes arrive again (content-addressed: no new file is written) …
    await attachmentStore().put(pdfBytes(2000, 4));
    // … and the cleanup runs before the report's transaction commits.
    expect((await removeUnreferencedFiles()).removed).toEqual([]);
    expect(await exists(old.file)).toBe(true);
  });

  it("copes with a store that has never been written to", async () => {
    expect(await removeUnreferencedFiles()).toMatchObject({ checked: 0, removed: [] });
  });
});
