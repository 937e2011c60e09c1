import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createPrisma, db } from "@/lib/db/client.ts";
import { createUser } from "@/lib/demo/factories.ts";
import { updateDisplayPreferences } from "@/lib/users/actions.ts";
import { LocalAttachmentStore } from "@/lib/storage/local-store.ts";
import { checkReadiness } from "@/lib/ops/readiness.ts";
import { GET as health } from "@/app/api/health/route.ts";
import { GET as ready } from "@/app/api/ready/route.ts";
import { GET as metrics } from "@/app/api/metrics/route.ts";
import { actAs } from "../support/acting.ts";

const TOKEN = "metrics-token-for-the-tests-0123";
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-ops-"));

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

function scrape(authorization?: string) {
  const headers = authorization ? { authorization } : undefined;
  return metrics(new Request("http://localhost/api/metrics", { headers }));
}

describe("GET /api/health", () => {
  it("answers that the process is alive, without the database", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("GET /api/ready", () => {
  it("is ready when the database answers, every migration is applied and the store is writable", async () => {
    const response = await ready();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ready",
      failed: [],
      checks: { database: { ok: true }, migrations: { ok: true }, storage: { ok: true } },
    });
    // The probe leaves nothing behind in the store.
    expect(fs.readdirSync(path.join(process.env.DATA_DIR!, "uploads"))).toEqual([]);
  });

  it("answers 503 naming the database when it is down", async () => {
    // Nothing listens on port 1: the connection is refused, as when PostgreSQL is stopped.
    const down = createPrisma("postgresql://fazhi@127.0.0.1:1/fazhi");
    try {
      const result = await checkReadiness({ db: down });
      expect(result.status).toBe(503);
      expect(result.body.status).toBe("not_ready");
      expect(result.body.failed).toEqual(["database", "migrations"]);
      expect(result.body.checks.storage).toEqual({ ok: true });
      expect(JSON.stringify(result.body)).not.toMatch(/ECONNREFUSED|at .*\.ts|127\.0\.0\.1/);
    } finally {
      await down.$disconnect();
    }
  });

  it("answers 503 naming the migrations when one in prisma/migrations is not applied", async () => {
    const dir = path.join(scratch, "migrations");
    fs.cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "29991231000000_not_yet"));
    fs.writeFileSync(path.join(dir, "29991231000000_not_yet", "migration.sql"), "SELECT 1;");
    const result = await checkReadiness({ migrationsDir: dir });
    expect(result.status).toBe(503);
    expect(result.body.failed).toEqual(["migrations"]);
    expect(result.body.checks.migrations).toMatchObject({ ok: false, missing: ["29991231000000_not_yet"] });
  });

  it("answers 503 naming the store when it cannot be written", async () => {
    // A file where the store's folder should be: nothing can be created under it.
    const blocked = path.join(scratch, "not-a-folder");
    fs.writeFileSync(blocked, "");
    const result = await checkReadiness({ store: new LocalAttachmentStore(path.join(blocked, "uploads")) });
    expect(result.status).toBe(503);
    expect(result.body.failed).toEqual(["storage"]);
  });

  it("checks the store STORAGE names: with database, a probe row written and rolled back", async () => {
    process.env.STORAGE = "database";
    try {
      const response = await ready();
      expect(response.status).toBe(200);
      expect(await db().attachmentBlob.count()).toBe(0);
    } finally {
      delete process.env.STORAGE;
    }
  });
});

describe("GET /api/metrics", () => {
  it("does not exist while no METRICS_TOKEN is configured", async () => {
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
  });

  it("refuses a request without the token or with a wrong one", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    for (const authorization of [undefined, "Bearer wrong-token", `Basic ${TOKEN}`]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(await response.text()).not.toContain("fazhi_");
    }
  });

  it("shows server-action and route latencies and the database pool with the token", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const user = await createUser(db(), { login: "ops.viewer", name: "运维", role: "ADMIN" });
    await actAs(user);
    expect(await updateDisplayPreferences({ largeText: true })).toMatchObject({ ok: true });
    expect(await updateDisplayPreferences({ largeText: "maybe" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect((await health()).status).toBe(200);

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain("# TYPE fazhi_server_action_duration_seconds histogram");
    expect(text).toMatch(/fazhi_server_action_duration_seconds_count\{action="updateDisplayPreferences",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/fazhi_server_action_duration_seconds_count\{action="updateDisplayPreferences",outcome="VALIDATION"\} [1-9]/);
    expect(text).toContain("# TYPE fazhi_http_request_duration_seconds histogram");
    expect(text).toMatch(/fazhi_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} [1-9]/);
    expect(text).toMatch(/fazhi_db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/fazhi_db_pool_connections\{state="idle"\} \d+/);
    expect(text).toMatch(/fazhi_db_pool_waiting_requests \d+/);
  });

  it("shows job durations observed in this process", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const { observeJobDuration } = await import("@/lib/ops/metrics.ts");
    observeJobDuration("reminders", 0.25);
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(text).toMatch(/fazhi_job_duration_seconds_count\{job="reminders",outcome="ok"\} [1-9]/);
  });
});
