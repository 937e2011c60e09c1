import { expect, test, type Page } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport } from "@/lib/demo/factories.ts";
import { todayInChina } from "@/lib/dates.ts";
import { latestDuePeriod } from "@/lib/reporting/periods.ts";
import { E2E_DATABASE_URL, e2eQuery, signIn, toasts, approveInBatch } from "./helpers.ts";

// The bureau's review desk at a desk and on a phone: filter the queue by period,
// unit and plan, see each item's period, approve two with one confirmation,
// return one with a comment and land on the next item, and download the period's
// 进展台账 as .xlsx. Its own plan and units (区林业局 leads, 区水湖局 shares), so
// other specs' reports never change what it sees.

const shot = (page: Page, step: string, width: number) =>
  page.screenshot({ path: `test-results/screenshots/review-desk-${step}-${width}.png`, fullPage: false });

const period = latestDuePeriod(todayInChina(), "QUARTERLY");

for (const { name, viewport } of [
  { name: "desk", viewport: { width: 1366, height: 768 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test.describe(`review desk (${name} ${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });
    const planTitle = `审核台测试方案(${name})`;
    const texts = {
      lead: `${name}:林长制督查办法已印发(汇总)`,
      part: `${name}:水湖局已完成河湖长制配套制度`,
      second: `${name}:林业行政执法案卷评查已完成`,
      toReturn: `${name}:古树名木保护条例宣传待开展`,
      last: `${name}:林地审批公示已上线`,
    };
    const reportIds: Record<string, number> = {};

    test.beforeAll(async () => {
      const prisma = createPrisma(E2E_DATABASE_URL);
      try {
        const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
        const forestry = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区林业局" } });
        const water = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区水湖局" } });
        const author = await prisma.user.findUniqueOrThrow({ where: { login: "xialu.bureau" } });
        const plan = await createPlan(prisma, { regionId: xialu.id, title: planTitle, reportCadence: "QUARTERLY" });
        const measure = (code: string, text: string, responsible: number[] = []) =>
          createMeasure(prisma, {
            planId: plan.id,
            code,
            text,
            deadline: "2030-12-31",
            leadUnitIds: [forestry.id],
            responsibleUnitIds: responsible,
          });
        const assignmentOf = async (measureId: number, unitId: number) =>
          (await prisma.assignment.findFirstOrThrow({ where: { measureId, unitId } })).id;
        const submit = async (key: string, assignmentId: number, text: string, minute: number) => {
          const at = new Date(Date.now() - (60 - minute) * 60_000);
          reportIds[key] = (
            await createProgressReport(prisma, {
              assignmentId,
              period,
              state: "SUBMITTED",
              text,
              percent: 50,
              authorId: author.id,
              submittedAt: at,
            })
          ).id;
        };
        const m1 = await measure("1", `健全林长制工作机制(${name})`, [water.id]);
        const m2 = await measure("2", `规范林业行政执法(${name})`);
        const m3 = await measure("3", `加强古树名木保护(${name})`);
        const m4 = await measure("4", `推进林地审批公开(${name})`);
        await submit("part", await assignmentOf(m1.id, water.id), texts.part, 1);
        await submit("lead", await assignmentOf(m1.id, forestry.id), texts.lead, 2);
        await submit("second", await assignmentOf(m2.id, forestry.id), texts.second, 3);
        await submit("toReturn", await assignmentOf(m3.id, forestry.id), texts.toReturn, 4);
        await submit("last", await assignmentOf(m4.id, forestry.id), texts.last, 5);
      } finally {
        await prisma.$disconnect();
      }
    });

    const stateOf = async (key: string) =>
      (await e2eQuery<{ state: string }>(`SELECT state FROM "ProgressReport" WHERE id = $1`, [reportIds[key]]))[0]!.state;

    test("filter by period, unit and plan; batch approve two; return one and land on the next; download the ledger", async ({ page }) => {
      await signIn(page, "xialu.bureau");
      await page.goto("/reviews");
      const filters = page.getByRole("search", { name: "筛选待审核事项" });
      await filters.getByLabel("报送期").selectOption({ label: period.label });
      await filters.getByLabel("单位").selectOption({ label: "区林业局" });
      await filters.getByLabel("规划").selectOption({ label: planTitle });
      await filters.getByRole("button", { name: "筛选" }).click();
      await expect(page).toHaveURL(new RegExp(`period=${period.key}.*unit=\\d+.*plan=\\d+`));
      const items = page.locator("main ol > li");
      // Only 区林业局's four reports of this plan: 区水湖局's part shows beside the lead report, not as an item.
      await expect(items).toHaveCount(4);
      await expect(items.first()).toContainText(period.label);
      await expect(items.first()).toContainText(texts.lead);
      const related = page.getByRole("region", { name: "区林业局 · 举措 1的责任单位报送" });
      await expect(related).toContainText("区水湖局");
      await expect(related).toContainText(texts.part);
      await shot(page, "filtered", viewport.width);

      // Select two, one confirmation naming the count, then a toast and the new state.
      const confirmation = await approveInBatch(page, [`选择区林业局 · 举措 1(${period.label})`, `选择区林业局 · 举措 2(${period.label})`]);
      expect(confirmation).toBe("确认通过 2 份报送?");
      const lead = items.filter({ hasText: `举措 1 健全林长制工作机制(${name})` });
      await expect(lead.getByText("已通过", { exact: true })).toBeVisible();
      await expect(items.filter({ hasText: `举措 2 规范林业行政执法(${name})` }).getByText("已通过", { exact: true })).toBeVisible();
      await expect.poll(() => stateOf("lead")).toBe("APPROVED");
      await expect.poll(() => stateOf("second")).toBe("APPROVED");
      expect(await stateOf("part")).toBe("SUBMITTED");
      await shot(page, "batch-approved", viewport.width);

      // 退回 with a comment: the next waiting item's heading takes focus.
      const toReturn = items.filter({ hasText: `举措 3 加强古树名木保护(${name})` });
      const controls = toReturn.getByRole("group", { name: "审核区林业局的报送" });
      await controls.getByLabel(/审核意见/).fill("请补充宣传活动照片。");
      await controls.getByRole("button", { name: "退回" }).click();
      await expect(toasts(page).filter({ hasText: "已退回,并通知了报送单位" })).toBeVisible();
      await expect(toReturn.getByText("已退回", { exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { name: `举措 4 推进林地审批公开(${name})` })).toBeFocused();
      await expect.poll(() => stateOf("toReturn")).toBe("RETURNED");
      await shot(page, "returned-next-focused", viewport.width);

      // The period's ledger: an .xlsx download.
      await page.goto(`/reviews/notice?period=${period.key}`);
      await expect(page.getByRole("heading", { name: "进展台账与未报送通报" })).toBeVisible();
      await expect(page.getByRole("heading", { name: new RegExp(`${period.label}进展未报送和举措逾期情况的通报`) })).toBeVisible();
      await shot(page, "notice", viewport.width);
      const link = page.getByRole("link", { name: "下载进展台账(.xlsx)" });
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(download.suggestedFilename()).toMatch(/进展台账\.xlsx$/);
      const response = await page.request.get((await link.getAttribute("href"))!);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      const docx = await page.request.get((await page.getByRole("link", { name: "下载通报(.docx)" }).getAttribute("href"))!);
      expect(docx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    });
  });
}
