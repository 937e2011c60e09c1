import fs from "node:fs";
import path from "node:path";
import mammoth from "mammoth";
import { expect, test, type Page } from "@playwright/test";
import { todayInChina } from "@/lib/dates.ts";
import { periodContaining, previousPeriod } from "@/lib/reporting/periods.ts";
import { e2eQuery, signIn, toasts } from "./helpers.ts";

// 通报 on the demo data: xialu.bureau drafts the last ended quarter's circular
// for 下陆区 (the demo's plans collect quarterly reports), edits its text,
// approves and issues it, and downloads the .docx; xialu.liaison (区司法局)
// finds it in the inbox on a phone and opens it. The title carries a suffix
// of this spec's own, so a circular the demo seed issues never gets in the way.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const shot = (page: Page, step: string, width: number) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `circulars-${step}-${width}.png`), fullPage: false });

const quarter = previousPeriod(periodContaining(todayInChina(), "QUARTERLY"), "QUARTERLY");
const defaultTitle = `关于${quarter.label}法治政府建设任务推进情况的通报`;
const title = `${defaultTitle}(端到端)`;
const documentNumber = "下司法〔2026〕99号";
let circularId: number;

test.describe.configure({ mode: "serial" });

test.describe("the bureau issues a 通报 (1366×768)", () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test("xialu.bureau creates, edits, approves and issues a circular, then downloads its .docx", async ({ page }) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await signIn(page, "xialu.bureau");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "通报" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "通报" })).toBeVisible();
    await page.getByRole("link", { name: "新建通报" }).click();

    const form = page.getByRole("form", { name: "新建通报" });
    await expect(form.getByLabel("季度")).toHaveValue(quarter.key);
    await shot(page, "new", 1366);
    await form.getByRole("button", { name: "生成通报草稿" }).click();
    await expect(page).toHaveURL(/\/circulars\/\d+$/);
    circularId = Number(new URL(page.url()).pathname.split("/").pop());
    await expect(page.getByRole("heading", { level: 1, name: defaultTitle })).toBeVisible();

    // The ranked figures and the lagging units, counted from the demo's reports.
    const table = page.getByRole("table", { name: "各单位任务推进情况排名" });
    await expect(table.getByRole("columnheader", { name: "按时报送率" })).toBeVisible();
    expect(await table.getByRole("row").count()).toBeGreaterThan(2);
    await expect(table.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("1");
    const lagging = page.getByRole("heading", { name: "排名靠后单位" });
    await expect(lagging).toBeVisible();
    // The lagging units come first, above the table.
    expect((await lagging.boundingBox())!.y).toBeLessThan((await table.boundingBox())!.y);
    await expect(page.getByText(/按当前数据统计,审核时冻结/)).toBeVisible();
    await shot(page, "draft", 1366);

    // Refresh the text from the current figures before editing it.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "按最新数据重新生成正文" }).click();
    await expect(toasts(page).filter({ hasText: "已按最新数据重新生成正文" })).toBeVisible();
    // The page refreshes with the new text (the editor takes it afresh): type only after that.
    await page.waitForLoadState("networkidle");

    // Edit the text: title, 文号 and a sentence of our own.
    const editor = page.getByRole("form", { name: "编辑通报正文" });
    await expect(editor.getByLabel("正文")).toHaveValue(/现将.+各单位任务推进情况通报如下/);
    await editor.getByLabel("标题").fill(title);
    await editor.getByLabel("文号").fill(documentNumber);
    const body = await editor.getByLabel("正文").inputValue();
    await editor.getByLabel("正文").fill(`${body}\n请各单位于下周一前报送整改情况。`);
    await editor.getByRole("button", { name: "保存正文" }).click();
    await expect(editor.getByRole("status")).toHaveText("已保存");
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

    // 审核, then 印发, each after its confirmation.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "审核" }).click();
    await expect(toasts(page).filter({ hasText: "通报已审核" })).toBeVisible();
    await expect(page.getByText(/审核时冻结的数据,统计于/)).toBeVisible();
    await expect(page.getByRole("button", { name: "按最新数据重新生成正文" })).toHaveCount(0);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "印发" }).click();
    await expect(toasts(page).filter({ hasText: /通报已印发,已发送给 \d+ 名联络员/ })).toBeVisible();
    await expect(page.getByText("已印发", { exact: true })).toBeVisible();
    await expect(page.getByRole("form", { name: "编辑通报正文" })).toHaveCount(0);
    await expect(page.getByText("请各单位于下周一前报送整改情况。")).toBeVisible();
    await shot(page, "issued", 1366);

    const frozen = await e2eQuery<{ status: string; units: number }>(
      `SELECT status::text, jsonb_array_length(figures->'units') AS units FROM "Circular" WHERE id = $1`,
      [circularId],
    );
    expect(frozen[0]).toMatchObject({ status: "ISSUED" });
    expect(frozen[0]!.units).toBeGreaterThan(1);

    // The .docx: title, 文号, recipients, the ranked table, the issuer.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "下载 Word" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${title}.docx`);
    const { value: text } = await mammoth.extractRawText({ buffer: fs.readFileSync(await download.path()) });
    for (const expected of [
      title,
      documentNumber,
      "各单位、各部门:",
      "请各单位于下周一前报送整改情况。",
      "按时报送率",
      "排名靠后单位",
      "下陆区司法局",
    ])
      expect(text).toContain(expected);

    await page.goto("/circulars");
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row.getByText("已印发")).toBeVisible();
    await expect(row.getByRole("cell", { name: quarter.label, exact: true })).toBeVisible();
  });

  test("the admin's menu, with 通报, still fits one line at 1366 px", async ({ page }) => {
    await signIn(page, "admin");
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "通报" })).toBeVisible();
    const first = (await nav.getByRole("link").first().boundingBox())!;
    const last = (await nav.getByRole("link").last().boundingBox())!;
    expect(Math.abs(last.y - first.y)).toBeLessThan(4);
    await shot(page, "admin-menu", 1366);
  });
});

test.describe("a liaison reads the 通报 (390×844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("xialu.liaison finds it in the inbox and opens it", async ({ page }) => {
    await signIn(page, "xialu.liaison");
    await page.getByRole("banner").getByRole("link", { name: /^消息/ }).click();
    const message = page.getByTestId("notification").filter({ hasText: `通报:${title}` });
    await expect(message).toBeVisible();
    await expect(message.getByText("人员消息")).toBeVisible();
    await shot(page, "inbox", 390);
    await message.getByRole("link", { name: `通报:${title}` }).click();
    await expect(page).toHaveURL(new RegExp(`/circulars/${circularId}$`));
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("table", { name: "各单位任务推进情况排名" }).getByText("(本单位)")).toBeVisible();
    await expect(page.getByText(/^本单位排名第 \d+ \/ \d+$/)).toBeVisible();
    await expect(page.getByRole("button", { name: "审核" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "编辑通报正文" })).toHaveCount(0);
    await shot(page, "liaison", 390);
  });
});
