import * as fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrisma, db, type Db } from "@/lib/db/client.ts";
import { createUser } from "@/lib/demo/factories.ts";
import { runReminderJob } from "@/lib/notifications/reminder-job.ts";
import { LocalAttachmentStore } from "@/lib/storage/local-store.ts";
import { runJobOnce, type JobDatabase } from "@/lib/jobs/run.ts";
import { JOB_RUN_RETENTION_DAYS, runFileCleanup, runReminders } from "@/lib/jobs/scheduled.ts";
import { listJobRuns } from "@/lib/jobs/queries.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// Issue 14, acceptance 3: two servers started together run the reminder job
// (and the file cleanup) once. Each "server" here is its own Prisma client and
// its own lock connection on the same database, as two app servers would be.

const url = process.env.DATABASE_URL!;
const noMail = { configured: false, send: async () => {} };
let serverA: JobDatabase;
let serverB: JobDatabase;
const extraClients: Db[] = [];

beforeAll(() => {
  const a = createPrisma(url);
  const b = createPrisma(url);
  extraClients.push(a, b);
  serverA = { db: a, url };
  serverB = { db: b, url };
});

afterAll(async () => {
  await Promise.all(extraClients.map((client) => client.$disconnect()));
});

/** Advisory locks held in the database right now (none once every run has ended). */
async function advisoryLocks() {
  const rows = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
    WHERE l.locktype = 'advisory' AND d.datname = current_database()`;
  return Number(rows[0]!.n);
}

/**
 * Work that waits at a gate until the test opens it, so two runners truly
 * overlap. `inside(n)` resolves once n runners are inside the work.
 */
function gatedWork<T>(inner: () => Promise<T>) {
  let entered = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const waiting: { n: number; resolve: () => void }[] = [];
  const work = async () => {
    entered++;
    for (const w of waiting) if (entered >= w.n) w.resolve();
    await gate;
    return inner();
  };
  const inside = (n: number) => new Promise<void>((resolve) => (entered >= n ? resolve() : waiting.push({ n, resolve })));
  gates.push(open);
  return { work, open, inside, entered: () => entered };
}

// A test that fails half-way must not leave a run holding its lock for the next test.
const gates: (() => void)[] = [];
afterEach(() => {
  for (const open of gates.splice(0)) open();
});

describe("runJobOnce across two servers", () => {
  it("two runners at once run the reminder job once; the other records a skipped run", async () => {
    const { work, open, inside, entered } = gatedWork(() => runReminderJob("2025-02-10", { db: serverA.db, mailer: noMail }));
    const a = runJobOnce(serverA, "reminders", work);
    const b = runJobOnce(serverB, "reminders", work);
    // Decided: one runner has given up and the other is inside the work, or (without a lock) both are inside.
    await Promise.race([Promise.race([a, b]).then(() => inside(1)), inside(2)]);
    expect(entered()).toBe(1);
    // The one inside holds the lock and has its RUNNING row while the other has already given up.
    expect(await db().jobRun.findMany({ orderBy: { id: "asc" }, select: { status: true } })).toEqual(
      expect.arrayContaining([{ status: "RUNNING" }, { status: "SKIPPED" }]),
    );
    open();
    const outcomes = await Promise.all([a, b]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(["SKIPPED", "SUCCEEDED"]);
    expect(entered()).toBe(1);
    // runReminderJob audits each run it makes: one.
    expect(await db().auditEvent.count({ where: { action: "reminders.job" } })).toBe(1);
    const runs = await db().jobRun.findMany({ orderBy: { id: "asc" } });
    expect(runs).toHaveLength(2);
    const ran = runs.find((r) => r.status === "SUCCEEDED")!;
    const skipped = runs.find((r) => r.status === "SKIPPED")!;
    expect(ran).toMatchObject({ job: "reminders", host: os.hostname(), pid: process.pid, error: null });
    expect(ran.finishedAt!.getTime()).toBeGreaterThanOrEqual(ran.startedAt.getTime());
    expect(ran.summary).toMatchObject({ today: "2025-02-10", notifications: 0 });
    expect(skipped).toMatchObject({ job: "reminders", summary: null, error: null });
    expect(skipped.finishedAt).not.toBeNull();
    expect(await advisoryLocks()).toBe(0);
  });

  it("different jobs do not block each other", async () => {
    const { work, open, inside } = gatedWork(async () => ({ done: true }));
    const reminders = runJobOnce(serverA, "reminders", work);
    const cleanup = runJobOnce(serverB, "cleanup-files", work);
    // Both get inside: each holds its own job's lock.
    await inside(2);
    open();
    expect((await Promise.all([reminders, cleanup])).map((o) => o.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
  });

  it("a failing run records FAILED with its error, rethrows it and releases the lock: the next run runs", async () => {
    await expect(
      runJobOnce(serverA, "reminders", async () => {
        throw new Error("数据库连接中断");
      }),
    ).rejects.toThrow("数据库连接中断");
    const [failed] = await db().jobRun.findMany();
    expect(failed).toMatchObject({ job: "reminders", status: "FAILED", error: "Error: 数据库连接中断", summary: null });
    expect(failed!.finishedAt).not.toBeNull();
    expect(await advisoryLocks()).toBe(0);

    const next = await runReminders(serverB, "2025-02-10", { mailer: noMail });
    expect(next.status).toBe("SUCCEEDED");
    expect(await db().jobRun.count({ where: { status: "SUCCEEDED", job: "reminders" } })).toBe(1);
  });

  it("a run left RUNNING by a server that died is marked FAILED by the next run that gets the lock", async () => {
    const dead = await db().jobRun.create({ data: { job: "reminders", status: "RUNNING", host: "app-2", pid: 4242 } });
    await runJobOnce(serverA, "reminders", async () => ({}));
    expect(await db().jobRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: "FAILED",
      error: expect.stringContaining("未正常结束"),
      finishedAt: expect.any(Date),
    });
  });
});

describe("the file cleanup runs once too", () => {
  const DAY = 24 * 60 * 60 * 1000;
  let root: string;
  let store: LocalAttachmentStore;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "fazhi-job-store-"));
    store = new LocalAttachmentStore(root);
  });

  async function storeOrphan() {
    const { hash } = await store.put(new TextEncoder().encode(`orphan ${Math.random()}`));
    const file = path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
    const when = new Date(Date.now() - 2 * DAY);
    await fs.utimes(file, when, when);
    return file;
  }
  const exists = (file: string) =>
    fs.stat(file).then(
      () => true,
      () => false,
    );

  it("two cleanups at once: one removes the orphan, the other is skipped", async () => {
    const orphan = await storeOrphan();
    const { work, open, inside } = gatedWork(async () => ({}));
    // Server A holds the cleanup's lock (inside its work) while server B's scheduled cleanup starts.
    const a = runJobOnce(serverA, "cleanup-files", work);
    await inside(1);
    const b = await runFileCleanup(serverB, { store });
    expect(b).toMatchObject({ status: "SKIPPED" });
    expect(await exists(orphan)).toBe(true);
    open();
    await a;

    const again = await runFileCleanup(serverB, { store });
    expect(again).toMatchObject({
      status: "SUCCEEDED",
      result: { checked: 1, kept: 0, removed: [expect.objectContaining({ size: expect.any(Number) })] },
    });
    expect(await exists(orphan)).toBe(false);
    const last = await db().jobRun.findFirstOrThrow({ where: { job: "cleanup-files" }, orderBy: { id: "desc" } });
    expect(last.summary).toMatchObject({ checked: 1, kept: 0, removed: 1 });
    expect(await advisoryLocks()).toBe(0);
  });

  it("a failing cleanup records FAILED and the next one runs", async () => {
    const broken = {
      ...store,
      list: () => {
        throw new Error("存储不可用");
      },
    } as unknown as LocalAttachmentStore;
    await expect(runFileCleanup(serverA, { store: broken })).rejects.toThrow("存储不可用");
    expect(await db().jobRun.findFirstOrThrow({ where: { job: "cleanup-files" } })).toMatchObject({
      status: "FAILED",
      error: "Error: 存储不可用",
    });
    expect((await runFileCleanup(serverB, { store })).status).toBe("SUCCEEDED");
  });

  it(`removes job runs older than ${JOB_RUN_RETENTION_DAYS} days, of every job, and keeps newer ones`, async () => {
    const old = new Date(Date.now() - (JOB_RUN_RETENTION_DAYS + 1) * DAY);
    const recent = new Date(Date.now() - (JOB_RUN_RETENTION_DAYS - 1) * DAY);
    for (const [job, startedAt] of [
      ["reminders", old],
      ["cleanup-files", old],
      ["reminders", recent],
    ] as const) {
      await db().jobRun.create({ data: { job, status: "SKIPPED", startedAt, finishedAt: startedAt, host: "app-1", pid: 1 } });
    }
    const outcome = await runFileCleanup(serverA, { store });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", result: { jobRunsRemoved: 2 } });
    expect((await db().jobRun.findMany({ orderBy: { startedAt: "asc" } })).map((r) => r.startedAt.getTime())).toEqual([
      recent.getTime(),
      expect.any(Number),
    ]);
  });

  it("keeps the five-minute dashboard-snapshots job's runs for two days only", async () => {
    const threeDays = new Date(Date.now() - 3 * DAY);
    const oneDay = new Date(Date.now() - 1 * DAY);
    for (const [job, startedAt] of [
      ["dashboard-snapshots", threeDays],
      ["dashboard-snapshots", oneDay],
      ["reminders", threeDays],
    ] as const) {
      await db().jobRun.create({ data: { job, status: "SKIPPED", startedAt, finishedAt: startedAt, host: "app-1", pid: 1 } });
    }
    const outcome = await runFileCleanup(serverA, { store });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", result: { jobRunsRemoved: 1 } });
    expect(
      (await db().jobRun.findMany({ where: { host: "app-1" }, orderBy: { startedAt: "asc" } })).map((r) => [r.job, r.startedAt.getTime()]),
    ).toEqual([
      ["reminders", threeDays.getTime()],
      ["dashboard-snapshots", oneDay.getTime()],
    ]);
  });
});

describe("后台任务 page query (listJobRuns)", () => {
  it("ADMIN sees each job's runs, newest first; BUREAU, LEADER and LIAISON get NOT_FOUND (the page's 404)", async () => {
    const world = await buildTwoDistricts();
    await runReminders(serverA, "2025-02-10", { mailer: noMail });
    await runJobOnce(serverA, "reminders", async () => {
      throw new Error("失败了");
    }).catch(() => {});

    const admin = (await actAs(world.admin))!;
    const jobs = await listJobRuns(admin);
    expect(jobs.map((j) => j.job)).toEqual(["reminders", "cleanup-files", "dashboard-snapshots"]);
    expect(jobs[0]!.runs.map((r) => r.status)).toEqual(["FAILED", "SUCCEEDED"]);
    expect(jobs[0]!.runs[0]).toMatchObject({ error: "Error: 失败了", host: os.hostname() });
    expect(jobs[1]!.runs).toEqual([]);

    for (const user of [world.a.users.bureau, world.a.users.leader, world.a.users.liaison]) {
      const actor = (await actAs(user))!;
      await expect(listJobRuns(actor)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // Not an ADMIN by another route: a city leader neither.
    const cityLeader = await createUser(db(), { login: "city.leader2", name: "市领导", role: "LEADER", regionId: world.city.id });
    await expect(listJobRuns((await actAs(cityLeader))!)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
