import { describe, expect, it } from "vitest";
import { missingMigrations, readinessResponse } from "@/lib/ops/readiness.ts";

const ok = { ok: true } as const;
const failed = (error: string) => ({ ok: false, error }) as const;

describe("readinessResponse", () => {
  it.each([
    [{ database: ok, migrations: ok, storage: ok }, 200, "ready", []],
    [
      { database: failed("数据库无应答"), migrations: failed("未检查(数据库无应答)"), storage: ok },
      503,
      "not_ready",
      ["database", "migrations"],
    ],
    [{ database: ok, migrations: failed("有 1 个迁移未应用"), storage: ok }, 503, "not_ready", ["migrations"]],
    [{ database: ok, migrations: ok, storage: failed("附件存储不可写") }, 503, "not_ready", ["storage"]],
  ])("%o → %i", (checks, status, state, failing) => {
    const response = readinessResponse(checks);
    expect(response.status).toBe(status);
    expect(response.body.status).toBe(state);
    expect(response.body.failed).toEqual(failing);
    expect(response.body.checks).toEqual(checks);
  });
});

describe("missingMigrations", () => {
  it.each([
    [["a", "b"], ["a", "b"], []],
    [["a", "b", "c"], ["a", "b"], ["c"]],
    [["a"], [], ["a"]],
    // Applied migrations the files do not know (a newer server migrated first) do not make this one unready.
    [["a"], ["a", "z"], []],
  ])("expected %o, applied %o → missing %o", (expected, applied, missing) => {
    expect(missingMigrations(expected, applied)).toEqual(missing);
  });
});
