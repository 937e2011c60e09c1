import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

// The dry run prints the same clerk's warnings as the import preview
// (lib/import/warnings.ts), dated on the day it runs.
const root = path.resolve(import.meta.dirname, "../../..");

it("cli import --dry-run --json lists a past deadline, a missing period and a plan naming no unit", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-warnings-"));
  const file = path.join(dir, "方案.txt");
  fs.writeFileSync(file, "某区法治政府建设工作方案\n一、推进依法行政\n1.2019年底前完成规范性文件清理。\n2.2099年底前建成数字法治政府。\n");
  const run = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/cli.ts", "import", file, "--dry-run", "--json"],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "" },
      timeout: 60_000,
    },
  );
  expect(run.status).toBe(0);
  const { warnings } = JSON.parse(run.stdout) as { warnings: { line: number; message: string }[] };
  expect(warnings.map((w) => `${w.line} ${w.message}`)).toEqual([
    "2 规划“某区法治政府建设工作方案”未能从标题识别规划期(如2021—2025年),请在核对时填写",
    "2 规划“某区法治政府建设工作方案”的 2 项举措都没有写明牵头单位,请在核对时为每项举措指定牵头单位",
    "3 举措 1 的完成时限(2019年底前)已过,请核对是否已完成或需调整",
  ]);
}, 60_000);
