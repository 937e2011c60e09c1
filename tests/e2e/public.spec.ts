import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eQuery as query } from "./helpers.ts";

// The public pages on the demo data (seed 001 and 003 imported as published
// history), read by a visitor who never signs in.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const DRAFT_TITLE = "松江区2025年法治政府建设年度报告(内部草稿E2E)";
const DRAFT_BODY = "草稿正文仅供内部审阅E2E";

test("a visitor reads 松江区's 2024 report without signing in, and never sees a draft", async ({ page }) => {
  // The index: regions by city, with counts.
  const index = await page.goto("/public");
  expect(index?.status()).toBe(200);
  await expect(page).toHaveURL(/\/public$/);
  await expect(page.getByRole("heading", { level: 1, name: "法治政府建设信息公开" })).toBeVisible();
  await expect(page.getByRole("link", { name: "工作人员登录" })).toBeVisible();
  const regions = page.getByRole("table", { name: "公开信息的区域" });
  await expect(regions.getByRole("rowheader", { name: "上海市" })).toBeVisible();
  await expect(regions.getByRole("rowheader", { name: "罗店镇" })).toBeVisible();
  await expect(regions.getByRole("rowheader", { name: "下陆区" })).toBeVisible();

  // 松江区: its published report; it has no plan in force.
  await regions.getByRole("link", { name: "松江区" }).click();
  await expect(page).toHaveURL(/\/public\/regions\/\d+$/);
  const regionUrl = page.url();
  const regionId = Number(regionUrl.split("/").pop());
  await expect(page.getByRole("heading", { level: 1, name: "松江区法治政府建设信息公开" })).toBeVisible();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "public-region.png"), fullPage: true });

  // The 2024 report laid out as the document.
  await page.getByRole("link", { name: "松江区2024年法治政府建设年度报告" }).click();
  await expect(page).toHaveURL(/\/public\/reports\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "松江区2024年法治政府建设年度报告" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^一、深入学习贯彻习近平法治思想/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "二、2024年度法治政府建设主要举措和成效" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^四、2025年推进法治政府建设的主要安排/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /^\uFF08一\uFF09持续深入学习宣传贯彻习近平法治思想/ })).toBeVisible();
  await expect(page.getByText(/高质量建设“科创、人文、生态”现代化新松江/)).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, "public-report.png"), fullPage: true });

  // A draft for 松江区, straight into the database: the public pages never show it.
  const [draft] = await query<{ id: number }>(
    `INSERT INTO "AnnualReport" ("districtId", "regionId", "year", "title", "status", "updatedAt")
     VALUES ($1, $1, 2025, $2, 'DRAFT', now()) RETURNING "id"`,
    [regionId, DRAFT_TITLE],
  );
  try {
    await query(
      `INSERT INTO "AnnualReportSection" ("districtId", "reportId", "sortOrder", "level", "kind", "heading", "body", "measureIds")
       VALUES ($1, $2, 0, 1, 'MEASURES', '主要举措和成效', $3, '{}')`,
      [regionId, draft!.id, DRAFT_BODY],
    );
    await page.goto(regionUrl);
    await expect(page.getByRole("link", { name: "松江区2024年法治政府建设年度报告" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(DRAFT_TITLE);
    await expect(page.locator("body")).not.toContainText("2025年度");

    const response = await page.goto(`/public/reports/${draft!.id}`);
    expect(response?.status()).toBe(404);
    await expect(page).toHaveURL(new RegExp(`/public/reports/${draft!.id}$`));
    await expect(page.locator("body")).not.toContainText(DRAFT_TITLE);
    await expect(page.locator("body")).not.toContainText(DRAFT_BODY);

    // Submitted is not published either.
    await query(`UPDATE "AnnualReport" SET "status" = 'SUBMITTED', "submittedAt" = now() WHERE "id" = $1`, [draft!.id]);
    expect((await page.goto(`/public/reports/${draft!.id}`))?.status()).toBe(404);
    await page.goto(regionUrl);
    await expect(page.locator("body")).not.toContainText(DRAFT_TITLE);
  } finally {
    await query(`DELETE FROM "AnnualReport" WHERE "id" = $1`, [draft!.id]);
  }

  // No public path sends the visitor to the login page; the rest of the app still does.
  for (const url of ["/public", `/public/regions/${regionId}`, "/public/regions/999999"]) {
    await page.goto(url);
    await expect(page).not.toHaveURL(/\/login/);
  }
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/login/);
});

test("罗店镇's imported 2020 report and 下陆区's plan progress by chapter", async ({ page }) => {
  await page.goto("/public");
  const regions = page.getByRole("table", { name: "公开信息的区域" });
  await regions.getByRole("link", { name: "罗店镇" }).click();
  await page.getByRole("link", { name: "罗店镇2020年法治政府建设年度报告" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^五、2020年度法治督查整改情况/ })).toBeVisible();

  await page.goto("/public");
  await regions.getByRole("link", { name: "下陆区" }).click();
  const progress = page.getByRole("region", { name: "规划推进情况" });
  const tables = progress.getByRole("table");
  await expect(tables.first()).toBeVisible();
  expect(await tables.count()).toBeGreaterThan(0);
  await expect(tables.first().getByRole("columnheader", { name: "已逾期" })).toBeVisible();
  await expect(tables.first().getByRole("rowheader", { name: "合计" })).toBeVisible();
  // Aggregates only: no unit is named on the page.
  await expect(progress).not.toContainText("区司法局");
});
