import fs from "node:fs";
import path from "node:path";
import mammoth from "mammoth";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers.ts";

// 下陆区's 2025 annual report on the demo data: the bureau builds the draft from
// the data, edits a paragraph, submits and publishes it, downloads the .docx
// and prints it.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const LEADER_DUTY = "一、党政主要负责人履行推进法治建设第一责任人职责情况";

test("xialu.bureau drafts the 2025 report from the data, edits, submits, publishes, exports and prints it", async ({ page }) => {
  page.on("dialog", (dialog) => dialog.accept());
  await signIn(page, "xialu.bureau");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "年度报告" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "年度报告" })).toBeVisible();
  // The 2025 report is past both deadlines and not yet written.
  const warnings = page.getByRole("region", { name: "年度报告提醒" });
  await expect(warnings.getByText("下陆区2025年度报告")).toBeVisible();
  await expect(warnings.getByText(/逾期未报送/)).toBeVisible();

  await page.getByRole("link", { name: "生成年度报告草稿" }).click();
  await page.getByRole("combobox", { name: "所属区域" }).selectOption({ label: "下陆区" });
  await expect(page.getByRole("spinbutton", { name: "报告年度" })).toHaveValue("2025");
  await page.getByRole("button", { name: "生成年度报告草稿" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const reportUrl = page.url();

  const document = page.getByRole("article", { name: "下陆区2025年法治政府建设年度报告" });
  await expect(document.getByRole("heading", { name: LEADER_DUTY })).toBeVisible();
  await expect(document.getByRole("heading", { name: "二、主要举措和成效" })).toBeVisible();
  await expect(document.getByRole("heading", { name: "三、存在的不足和原因" })).toBeVisible();
  await expect(document.getByText(/全年完成任务\d+项/)).toBeVisible();
  // Generated paragraphs link back to their measures.
  const measureLink = document.getByText("依据举措:").first().getByRole("link").first();
  await expect(measureLink).toHaveAttribute("href", /\/measures\/\d+$/);

  // Edit the leader-duty paragraph.
  await page.getByRole("link", { name: "编辑", exact: true }).click();
  const body = page.getByRole("textbox", { name: `正文(${LEADER_DUTY})` });
  await body.fill("2025年,区委、区政府主要负责人带头学习贯彻习近平法治思想,专题研究法治政府建设工作4次。");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await page.getByRole("link", { name: "结束编辑" }).click();
  await expect(document.getByText("专题研究法治政府建设工作4次")).toBeVisible();

  // Submit, then publish.
  await page.getByRole("button", { name: "报送", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已报送,等待审核发布" })).toBeVisible();
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已发布,报告内容已冻结" })).toBeVisible();
  await page.goto(reportUrl);
  await expect(page.getByText("已发布", { exact: true }).first()).toBeVisible();
  // Frozen: no edit, submit or save controls, no text boxes.
  await expect(page.getByRole("link", { name: "编辑", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "报送", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "保存修改" })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await page.goto(`${reportUrl}?edit=1`);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "创建更正版本" })).toBeVisible();

  // The .docx, parsed back.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Word" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("下陆区2025年法治政府建设年度报告.docx");
  const buffer = fs.readFileSync(await download.path());
  const { value: html } = await mammoth.convertToHtml({ buffer });
  expect(html).toContain("下陆区2025年法治政府建设年度报告");
  expect(html).toContain(`<h1>${LEADER_DUTY}</h1>`);
  expect(html).toContain("<h1>二、主要举措和成效</h1>");
  expect(html).toMatch(/<h2>\(一\)[^<]+<\/h2>/);
  expect(html).toContain("专题研究法治政府建设工作4次");

  // The print view is the document only.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
  await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
  await expect(page.getByText("依据举措:").first()).toBeHidden();
  await expect(document.getByRole("heading", { name: LEADER_DUTY })).toBeVisible();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "annual-report-print.png"), fullPage: true });
});
