import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers.ts";

// 中期评估 on the demo data: 下陆区's plans were issued on 2021-06-30 and carry
// generated progress, so a snapshot at 2024-06-30 has figures to compare.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

test("xialu.bureau evaluates a plan at 2024-06-30, reads the tables and downloads .xlsx and .docx", async ({ page }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page, "xialu.bureau");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "中期评估" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "中期评估" })).toBeVisible();
  await page.getByRole("link", { name: "新建评估" }).click();

  const form = page.getByRole("form", { name: "新建中期评估" });
  await form.getByLabel("规划").selectOption({ index: 1 });
  const planLabel = (await form.getByLabel("规划").locator("option:checked").textContent())!;
  const planTitle = planLabel.replace("(下陆区)", "");
  await expect(form.getByLabel("评估名称")).toHaveValue(`${planTitle}中期评估`);

  // Too early: the error shows and what was typed stays.
  await form.getByLabel("评估名称").fill("下陆区规划中期评估(试)");
  await form.getByLabel("评估基准日").fill("2020-06-30");
  await form.getByRole("button", { name: "生成评估" }).click();
  await expect(form.getByText("评估基准日不能早于规划开始日期(2021-06-30)")).toBeVisible();
  await expect(form.getByLabel("评估名称")).toHaveValue("下陆区规划中期评估(试)");
  await expect(form.getByLabel("评估基准日")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: path.join(SCREENSHOTS, "evaluation-too-early.png") });

  await form.getByLabel("评估基准日").fill("2024-06-30");
  await form.getByRole("button", { name: "生成评估" }).click();
  await expect(page).toHaveURL(/\/evaluations\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "下陆区规划中期评估(试)" })).toBeVisible();
  await expect(page.getByText(/评估基准日 2024-06-30/)).toBeVisible();

  const chapters = page.getByRole("table", { name: "分章节情况" });
  await expect(chapters.getByRole("columnheader", { name: "完成率" })).toBeVisible();
  const chapterRows = (await chapters.getByRole("row").count()) - 1;
  expect(chapterRows).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "五、与今日对比" })).toBeVisible();
  await expect(page.getByText(/与今日\(\d{4}-\d{2}-\d{2}\)相比:基准日后完成 \d+ 项,新增逾期 \d+ 项/)).toBeVisible();
  await expect(page.getByRole("table", { name: "状态有变化的举措" })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, "evaluation.png"), fullPage: true });
  const total = Number(await page.getByRole("region", { name: "总体情况", exact: true }).locator("dd").first().textContent());

  // .xlsx: five sheets, the chapter sheet has the page's rows and the detail sheet every measure.
  const xlsxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toBe("下陆区规划中期评估(试)-2024-06-30.xlsx");
  const xlsxFile = path.join(SCREENSHOTS, "evaluation.xlsx");
  await xlsx.saveAs(xlsxFile);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxFile);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["按章节", "按单位", "按时限类型", "明细", "与今日对比"]);
  const chapterSheet = workbook.getWorksheet("按章节")!;
  expect(chapterSheet.getRow(3).values).toEqual([undefined, "章节", "举措数", "已完成", "推进中", "未启动", "已逾期", "完成率"]);
  expect(chapterSheet.rowCount - 3).toBe(chapterRows);
  let sum = 0;
  chapterSheet.eachRow((row, n) => {
    if (n > 3) sum += Number(row.getCell(2).value);
  });
  expect(sum).toBe(total);
  expect(workbook.getWorksheet("明细")!.rowCount - 3).toBe(total);

  // .docx: the official layout's headings and the figures as sentences.
  const docxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Word" }).click();
  const docx = await docxDownload;
  expect(docx.suggestedFilename()).toBe("下陆区规划中期评估(试)-2024-06-30.docx");
  const docxFile = path.join(SCREENSHOTS, "evaluation.docx");
  await docx.saveAs(docxFile);
  const { value: html } = await mammoth.convertToHtml({ path: docxFile });
  expect(html).toContain("下陆区规划中期评估(试)报告");
  for (const h of ["一、总体情况", "二、分章节情况", "三、分单位情况", "四、存在的问题", "五、与今日对比"])
    expect(html).toContain(`<h1>${h}</h1>`);
  expect(html).toContain(`共有举措 ${total} 项`);
});

test("a liaison has no access to evaluations", async ({ page }) => {
  await signIn(page, "xialu.liaison");
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "中期评估" })).toHaveCount(0);
  const response = await page.goto("/evaluations");
  expect(response!.status()).toBe(404);
});
