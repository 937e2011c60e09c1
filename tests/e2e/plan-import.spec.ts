import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers.ts";

const DATABASE = "postgresql://fazhi:fazhi-local@127.0.0.1:54339/fazhi";
const SEED_004 = path.resolve(import.meta.dirname, "../fixtures/seeds/004-xialu-division.txt");

async function counts() {
  const client = new pg.Client({ connectionString: DATABASE });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM "Plan")::int AS plans, (SELECT count(*) FROM "Measure")::int AS measures,
              (SELECT count(*) FROM "Assignment")::int AS assignments, (SELECT count(*) FROM "Unit")::int AS units`,
    );
    return rows[0] as { plans: number; measures: number; assignments: number; units: number };
  } finally {
    await client.end();
  }
}

test("the bureau imports 004, accepts proposed matches, exports the ledger and re-imports it without duplicates", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "xialu.bureau");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "规划" }).click();
  await page.getByRole("link", { name: "导入规划" }).click();

  await page.getByLabel("文件(.txt 或 .docx,不超过 10 MB)").setInputFiles(SEED_004);
  await page.getByRole("button", { name: "识别" }).click();
  await expect(page.getByText("识别出 3 个规划")).toBeVisible();

  // Two proposed near matches, accepted one by one.
  for (const [name, unit] of [
    ["区发改委", "区发改局"],
    ["区应急局", "区应急管理局"],
  ]) {
    await page.getByLabel(`“${name}”的处理方式`).selectOption({ label: `匹配为“${unit}”(并记为别名)` });
  }
  await page.getByRole("button", { name: "接受全部推荐匹配" }).click();
  await page.getByRole("button", { name: "未知单位全部新建" }).click();
  await page.screenshot({ path: "test-results/import-review.png" });
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("heading", { name: "导入完成" })).toBeVisible({ timeout: 60_000 });
  const afterImport = await counts();
  expect(afterImport).toMatchObject({ plans: 3, measures: 138 });

  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "规划" }).click();
  await expect(page.getByRole("link", { name: /重要举措分工方案/ })).toHaveCount(3);
  await page.getByRole("link", { name: "法治下陆建设规划(2021-2025年)重要举措分工方案" }).click();
  await expect(page.getByRole("cell", { name: "区司法局", exact: true }).first()).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出分工台账(Excel)" }).click();
  const ledger = await (await download).path();

  await page.getByLabel("分工台账文件(.xlsx)").setInputFiles(ledger);
  await page.getByRole("button", { name: "导入台账" }).click();
  await expect(page.getByText("已导入 1 个规划、50 项举措(新增 0,更新 50)")).toBeVisible({ timeout: 60_000 });
  expect(await counts()).toEqual(afterImport);
});

test("a file that is not a plan gets a clear message and nothing is written", async ({ page }) => {
  await signIn(page, "xialu.bureau");
  const before = await counts();
  await page.goto("/plans/import");
  await page.getByLabel("或粘贴文本").fill("这是一段普通的文字,没有编号,也没有任何举措。");
  await page.getByRole("button", { name: "识别" }).click();
  await expect(page.getByRole("form", { name: "选择文件" }).getByRole("alert")).toContainText("没有找到任何举措");
  await expect(page.getByLabel("或粘贴文本")).toHaveValue("这是一段普通的文字,没有编号,也没有任何举措。");
  expect(await counts()).toEqual(before);
});
