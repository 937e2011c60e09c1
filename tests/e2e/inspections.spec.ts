import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { todayInChina } from "@/lib/dates.ts";
import { addDays } from "@/lib/reporting/periods.ts";
import { switchUser } from "./helpers.ts";

// 督察整改 end to end on the demo data: the bureau records an inspection and a
// finding for 区司法局, the unit's liaison reports the rectification from 我的任务,
// the bureau verifies it closed (核验销号). Serial, so later steps can be appended
// (the next annual report draft's 督察整改情况 shows the item).

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const TODAY = todayInChina();
// Unique per run, so the spec can run again against the same server.
const STAMP = Date.now().toString(36);
const TITLE = `端到端督察 ${STAMP}`;
const FINDING = `行政复议决定书未按规定公开(${STAMP})。`;

test.describe.serial("督察整改", () => {
  let page: Page;
  let itemUrl: string;

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
  });

  test.afterAll(async () => {
    await page.close();
  });

  test("the bureau records an inspection and a finding for 区司法局 with a deadline", async () => {
    await switchUser(page, "xialu.bureau");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "督察整改" }).click();
    await page.getByRole("link", { name: "新建督察" }).click();
    const form = page.getByRole("form", { name: "登记督察" });
    await form.getByLabel("被督察的区域").selectOption({ label: "下陆区" });
    await form.getByLabel("督察名称").fill(TITLE);
    await form.getByLabel("督察组织").fill("市委依法治市办督察组");
    await form.getByLabel("督察日期").fill(TODAY);
    await form.getByRole("button", { name: "登记督察" }).click();
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();

    const finding = page.getByRole("form", { name: "录入督察发现的问题" });
    // An empty finding is refused with a message, and the form stays as typed.
    await finding.getByRole("button", { name: "录入问题并生成整改任务" }).click();
    await expect(finding.getByText("请填写督察发现的问题")).toBeVisible();

    await finding.getByLabel("督察发现的问题").fill(FINDING);
    // The unit list works from the keyboard: filter, Tab to the unit, Space to tick it.
    await finding.getByLabel("按名称筛选单位").fill("区司法局");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    await expect(finding.getByRole("checkbox", { name: "区司法局" })).toBeChecked();
    await finding.getByLabel("整改期限").fill(addDays(TODAY, 60));
    await finding.getByRole("button", { name: "录入问题并生成整改任务" }).click();
    await expect(page.getByText("已录入督察发现的问题,生成 1 项整改任务")).toBeVisible();
    const findings = page.getByRole("region", { name: /^督察发现的问题/ });
    await expect(findings.getByText(FINDING)).toBeVisible();
    await expect(findings.getByRole("cell", { name: "区司法局", exact: true })).toBeVisible();
    await expect(findings.getByText("整改中", { exact: true })).toBeVisible();
  });

  test("the liaison sees it in 我的任务 and reports the rectification", async () => {
    await switchUser(page, "xialu.liaison");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的任务" }).click();
    const section = page.getByRole("region", { name: /整改任务/ });
    await section.getByRole("link", { name: FINDING }).click();
    await expect(page.getByRole("heading", { level: 1, name: "区司法局整改任务" })).toBeVisible();
    itemUrl = page.url();
    const form = page.getByRole("form", { name: "区司法局报送整改情况" });
    await form.getByLabel("整改情况").fill("已在区政府门户网站公开 2024 年以来的行政复议决定书 36 份,建立按月公开机制。");
    await form.getByLabel("已整改到位,申请销号").check();
    await form.getByRole("button", { name: "报送整改情况" }).click();
    await expect(page.getByText("整改情况已报送,等待司法局核验销号").first()).toBeVisible();
    await expect(page.getByText("待核验", { exact: true }).first()).toBeVisible();
  });

  test("the bureau verifies it (核验销号) and the item shows 已销号", async () => {
    await switchUser(page, "xialu.bureau");
    await page.goto("/inspections");
    const awaiting = page.getByRole("region", { name: /待核验的整改报送/ });
    await awaiting.getByRole("link", { name: FINDING }).click();
    await expect(page).toHaveURL(itemUrl);
    await page.getByRole("button", { name: "核验销号" }).click();
    await expect(page.getByText("已销号", { exact: true })).toBeVisible();
    await expect(page.getByText("按期销号")).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "rectification-closed.png"), fullPage: true });
  });

  test("the next annual report draft's 督察整改情况 shows the item closed", async () => {
    // Still the bureau: this year's report for 下陆区 is drafted from the data, inspections included.
    await page.goto("/reports/new");
    await page.getByRole("combobox", { name: "所属区域" }).selectOption({ label: "下陆区" });
    await page.getByRole("spinbutton", { name: "报告年度" }).fill(TODAY.slice(0, 4));
    await page.getByRole("button", { name: "生成年度报告草稿" }).click();
    await expect(page).toHaveURL(/\/reports\/\d+$/);
    const document = page.getByRole("article", { name: `下陆区${TODAY.slice(0, 4)}年法治政府建设年度报告` });
    await expect(document.getByRole("heading", { name: /^[一二三四五六]、督察整改情况$/ })).toBeVisible();
    await expect(document.getByRole("heading", { name: new RegExp(TITLE) })).toBeVisible();
    await expect(document.getByText(`${FINDING}——区司法局已销号`, { exact: false })).toBeVisible();
  });
});
