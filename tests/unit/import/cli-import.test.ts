import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm run cli -- import <file> --dry-run --json`, as an operator runs it:
// exactly one JSON object on stdout, nothing else; failures a line on stderr.
const root = path.resolve(import.meta.dirname, "../../..");
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/cli.ts", "import", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "" },
    timeout: 60_000,
  });

describe("cli import --dry-run --json", () => {
  it("prints exactly one JSON object for a plan, with the region named", () => {
    const run = cli("tests/fixtures/seeds/002-huairou-action-plan.txt", "--region", "怀柔区", "--dry-run", "--json");
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(["documents", "warnings"]);
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]).toMatchObject({ kind: "plan", region: "怀柔区" });
    expect(result.documents[0].measures).toHaveLength(87);
  }, 60_000);

  it("prints no document for a news item, with a warning saying 未识别为规划或年度报告 and why, and exits 0", () => {
    const run = cli("tests/fixtures/import/news-item.txt", "--dry-run", "--json");
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    const result = JSON.parse(run.stdout);
    expect(result.documents).toEqual([]);
    expect(result.warnings).toContainEqual({ line: 1, message: expect.stringMatching(/^未识别为规划或年度报告:像新闻报道/) });
  }, 60_000);

  it("reads the news item as a plan when the operator says --kind plan", () => {
    const run = cli("tests/fixtures/import/news-item.txt", "--kind", "plan", "--dry-run", "--json");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0].kind).toBe("plan");
    expect(result.documents[0].measures.map((m: { code: string }) => m.code)).toEqual(["1", "2", "3"]);
    expect(result.warnings.map((w: { message: string }) => w.message).join()).not.toContain("未识别");
  }, 60_000);

  it("answers a missing or unreadable file with one line on stderr and a non-zero exit, nothing on stdout", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-import-"));
    const binary = path.join(dir, "图片.txt");
    fs.writeFileSync(binary, Buffer.from([0, 1, 2, 3, 255, 0, 7, 8, 0, 0, 1]));
    for (const file of [path.join(dir, "没有这个文件.txt"), binary]) {
      const run = cli(file, "--dry-run", "--json");
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
  }, 60_000);

  it("prints a summary in Chinese without --json", () => {
    const run = cli("tests/fixtures/seeds/002-huairou-action-plan.txt", "--dry-run");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("规划““十四五”时期怀柔区法治政府建设行动计划”");
    expect(run.stdout).toContain("举措 87 项");
    expect(run.stdout).toContain("长期坚持 52 项");
    expect(run.stdout).toContain("试运行,未写入任何内容");
  }, 60_000);

  it("says in one line that a directory is not a file", () => {
    const run = cli(os.tmpdir(), "--dry-run", "--json");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([`无法读取文件 ${os.tmpdir()}:这是一个目录,不是文件`]);
  }, 60_000);

  it("refuses an unknown option with exit 2", () => {
    const run = cli("x.txt", "--dry-run", "--json", "--fast");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("不认识的选项:--fast");
  }, 60_000);
});
