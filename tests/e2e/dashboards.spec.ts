import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers.ts";

// The district dashboard on the demo data (seed 004 imported into 下陆区 with
// generated progress), as a district leader uses it.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

test("a 下陆区 leader reads the dashboard, filters to a chapter, opens an overdue measure and exports the unit table", async ({ page }) => {
  await signIn(page, "xialu.leader");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "统计看板" }).click();
  await expect(page).toHaveURL(/\/dashboard\/district\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "下陆区法治政府建设统计看板" })).toBeVisible();
  const dashboardUrl = page.url();

  // Figures and charts with their data tables.
  const figures = page.getByRole("region", { name: "主要指标" });
  await expect(figures.getByText("举措总数")).toBeVisible();
  await expect(page.getByRole("figure", { name: "举措灯号分布" }).locator("svg.recharts-surface")).toBeVisible();
  const lightsFigure = page.getByRole("figure", { name: "举措灯号分布" });
  await lightsFigure.getByText("数据表", { exact: true }).click();
  const lightsTable = page.getByRole("table", { name: "举措灯号分布(数据表)" });
  await expect(lightsTable.getByRole("rowheader", { name: "红灯·逾期" })).toBeVisible();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "district-dashboard.png"), fullPage: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "district-dashboard-first-screen.png") });

  // Filter to one chapter that has overdue measures: its row in the chapter table drills down.
  const chapters = page.getByRole("table", { name: "各章节完成情况" });
  const overdueColumn = (await chapters.getByRole("columnheader").allTextContents()).indexOf("已逾期");
  const rows = chapters.getByRole("row");
  let chapterName = "";
  for (let i = 1; i < (await rows.count()); i++) {
    const cells = rows.nth(i).getByRole("cell");
    if (Number(await cells.nth(overdueColumn).textContent()) > 0) {
      chapterName = (await cells.first().textContent())!.trim();
      await cells.first().getByRole("link").click();
      break;
    }
  }
  expect(chapterName).not.toBe("");
  await expect(page).toHaveURL(/[?&]chapter=\d+/);
  const chapterId = new URL(page.url()).searchParams.get("chapter")!;
  // The filter form shows the chosen chapter, and the URL alone reproduces the view.
  await expect(page.getByRole("combobox", { name: "章节" })).toHaveValue(chapterId);
  await expect(page.getByText(/章节:/).first()).toBeVisible();
  const filteredUrl = page.url();

  // The same view through the form: choose a state, submit, the chapter stays.
  await page.getByRole("combobox", { name: "状态" }).selectOption({ label: "已逾期" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(new RegExp(`chapter=${chapterId}.*state=OVERDUE|state=OVERDUE.*chapter=${chapterId}`));
  await expect(page.getByRole("heading", { name: /筛选结果:\d+ 项举措/ })).toBeVisible();

  // Open an overdue measure from the overdue list.
  await page.goto(filteredUrl);
  const overdue = page.getByRole("table", { name: "逾期举措" });
  const first = overdue.getByRole("row").nth(1);
  const measureText = (await first.getByRole("link").textContent())!.replace(/…$/, "");
  await first.getByRole("link").click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);
  await expect(page.getByText(measureText.slice(0, 20)).first()).toBeVisible();
  await expect(page.getByText("红灯·逾期").first()).toBeVisible();

  // Export the unit table.
  await page.goto(dashboardUrl);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出单位表(Excel)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^下陆区-各单位落实情况-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = path.join(SCREENSHOTS, "units.xlsx");
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe("各单位落实情况");
  expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(["单位", "承担任务", "已逾期", "按时完成率", "本期报送率"]));
  // The exported rows are the page's rows.
  const pageUnits = await page.getByRole("table", { name: "各单位落实情况" }).getByRole("row").count();
  expect(sheet.rowCount - 3).toBe(pageUnits - 1);
  expect(sheet.getColumn(1).values).toContain("区司法局");
});

test("a liaison lands on its own unit's dashboard and cannot open the district's", async ({ page }) => {
  await signIn(page, "xialu.liaison");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "统计看板" }).click();
  await expect(page).toHaveURL(/\/dashboard\/unit\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "区司法局工作看板" })).toBeVisible();
  await expect(page.getByRole("table", { name: "本单位与全区平均的比较" })).toBeVisible();

  // Its task table exports as shown; another unit's does not export at all.
  const unitPath = new URL(page.url()).pathname;
  const tasks = await page.request.get(`${unitPath}/export?table=tasks`);
  expect(tasks.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await tasks.body()) as unknown as ArrayBuffer);
  const shownTasks = (await page.getByRole("table", { name: "本单位任务" }).getByRole("row").count()) - 1;
  expect(workbook.worksheets[0]!.rowCount - 3).toBeGreaterThanOrEqual(shownTasks);
  expect(workbook.worksheets[0]!.getRow(3).values).toEqual(expect.arrayContaining(["灯号", "角色", "举措", "说明"]));
  const otherUnit = Number(unitPath.split("/").pop()) + 1;
  expect((await page.request.get(`/dashboard/unit/${otherUnit}/export?table=tasks`)).status()).toBe(404);

  const leader = await page
    .context()
    .browser()!
    .newContext({ baseURL: new URL(page.url()).origin });
  const leaderPage = await leader.newPage();
  await signIn(leaderPage, "xialu.leader");
  await leaderPage.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "统计看板" }).click();
  await expect(leaderPage).toHaveURL(/\/dashboard\/district\/\d+$/);
  const districtPath = new URL(leaderPage.url()).pathname;
  await leader.close();

  const response = await page.goto(districtPath);
  expect(response?.status()).toBe(404);
  const exportResponse = await page.request.get(`${districtPath}/export?table=units`);
  expect(exportResponse.status()).toBe(404);
});

test("the 上海 leader compares its districts by outline area", async ({ page }) => {
  await signIn(page, "shanghai.leader");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "统计看板" }).click();
  await expect(page).toHaveURL(/\/dashboard\/city\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "上海市各区法治政府建设对比" })).toBeVisible();
  const districts = page.getByRole("table", { name: "各区主要指标" });
  await expect(districts.getByRole("link", { name: "宝山区" })).toBeVisible();
  await expect(districts.getByRole("link", { name: "松江区" })).toBeVisible();
  await expect(districts.getByRole("link", { name: "下陆区" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "各区按纲要领域的完成率" }).getByRole("rowheader", { name: "行政执法" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: path.join(SCREENSHOTS, "city-dashboard-print.png"), fullPage: true });
});
