import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan } from "@/lib/demo/factories.ts";
import { todayInChina } from "@/lib/dates.ts";
import { latestDuePeriod, reportingPeriod } from "@/lib/reporting/periods.ts";
import { dueStanding, dueStandingLabel } from "@/lib/progress/owed.ts";
import { E2E_DATABASE_URL, e2eQuery, signIn, toasts } from "./helpers.ts";

// The measure page for a liaison whose unit owes two periods: one form, for the
// oldest, first on the page; the header shows the unit's own state; after 报送 the
// next period's form; a returned report keeps its attachment when resubmitted.

const EVIDENCE = path.resolve(import.meta.dirname, "../fixtures/evidence/印发文件.pdf");
const today = todayInChina();
const late = latestDuePeriod(today, "QUARTERLY", 10);
const collecting = reportingPeriod(today, "QUARTERLY", 10);
const zhDate = (iso: string) =>
  new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
const shot = (page: Page, step: string, width: number) =>
  page.screenshot({ path: `test-results/screenshots/measure-report-${step}-${width}.png`, fullPage: false });

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test.describe(`measure report form (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });
    let measureId: number;
    let leadAssignmentId: number;

    test.beforeAll(async () => {
      const prisma = createPrisma(E2E_DATABASE_URL);
      try {
        const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
        const justice = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区司法局" } });
        const development = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区发改局" } });
        const plan = await createPlan(prisma, {
          regionId: xialu.id,
          title: `报送表单测试方案(${viewport.width})`,
          reportCadence: "QUARTERLY",
        });
        const measure = await createMeasure(prisma, {
          planId: plan.id,
          code: "1",
          text: `推行行政执法公示制度(${viewport.width})。`,
          deadline: "2030-12-31",
          leadUnitIds: [justice.id],
          responsibleUnitIds: [development.id],
        });
        measureId = measure.id;
        // Assigned when the late period began, so the units owe it as well as the one being collected.
        await prisma.assignment.updateMany({ where: { measureId }, data: { createdAt: new Date(`${late.start}T00:00:00Z`) } });
        leadAssignmentId = (await prisma.assignment.findFirstOrThrow({ where: { measureId, unitId: justice.id } })).id;
      } finally {
        await prisma.$disconnect();
      }
    });

    test("one form for the oldest owed period, first on the page; then the next; a returned report keeps its attachment", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const width = viewport.width;
      await signIn(page, "xialu.liaison");
      await page.goto(`/measures/${measureId}`);

      // One form, headed with the oldest period, its due date and lateness.
      const forms = page.getByRole("form", { name: /^区司法局报送/ });
      await expect(forms).toHaveCount(1);
      const lateForm = page.getByRole("form", { name: `区司法局报送${late.label}进展` });
      const heading = lateForm.getByRole("heading", { level: 3 });
      await expect(heading).toContainText(late.label);
      await expect(heading).toContainText(`报送截止 ${zhDate(late.dueDate)}`);
      await expect(heading).toContainText(dueStandingLabel(dueStanding(late, today)));
      await expect(page.getByText(`另有 ${collecting.label} 待报送,报送本期后填写。`)).toBeVisible();
      // The header speaks of this unit's own state for that period.
      const state = page.getByLabel("举措内容").getByTestId("unit-period-state");
      await expect(state).toContainText(`${late.label} 本期未报送`);

      // The form comes before the units' table; a lead sees its responsible unit beside (desk) or below (phone) it.
      const formBox = (await lateForm.boundingBox())!;
      const tableBox = (await page.getByRole("table", { name: "承担单位及其进展" }).boundingBox())!;
      expect(formBox.y).toBeLessThan(tableBox.y);
      const consolidation = page.getByRole("complementary", { name: `责任单位${late.label}报送(0/1)` });
      await expect(consolidation).toContainText("区发改局");
      const asideBox = (await consolidation.boundingBox())!;
      if (width >= 1024) expect(asideBox.x).toBeGreaterThan(formBox.x + formBox.width - 1);
      else expect(asideBox.y).toBeGreaterThan(formBox.y + formBox.height - 1);
      await shot(page, "one-form", width);

      // 填报本期进展 at the top brings the form into view.
      await page.getByRole("link", { name: "填报本期进展" }).click();
      await expect(heading).toBeInViewport();
      await shot(page, "jump-to-form", width);

      // 报送 the late period: its card stays, the next period's form appears, the header changes.
      await lateForm.getByLabel("进展情况").fill(`(${width})已在区政府门户网站公示执法主体和执法依据。`);
      await lateForm.getByLabel(/佐证材料/).setInputFiles(EVIDENCE);
      await lateForm.getByRole("button", { name: "报送", exact: true }).click();
      await expect(toasts(page).filter({ hasText: "已报送,等待司法局审核" })).toBeVisible();
      await expect(page.getByRole("region", { name: `区司法局 · ${late.label}进展 已报送,待审核` })).toBeVisible();
      await expect(page.getByRole("form", { name: `区司法局报送${collecting.label}进展` })).toBeVisible();
      await expect(forms).toHaveCount(1);
      await expect(state).toContainText(`${late.label} 已报送,待审核`);
      await expect(page.getByText(/另有 .* 待报送/)).toHaveCount(0);
      await shot(page, "next-period", width);

      // The bureau returns it (as 审核 does); the liaison finds it first again, with its attachment kept.
      await e2eQuery(
        `UPDATE "ProgressReport" SET state = 'RETURNED', "reviewComment" = '请补充公示截图。', "reviewedAt" = now(), version = version + 1
          WHERE "assignmentId" = $1 AND "periodStart" = $2::date`,
        [leadAssignmentId, late.start],
      );
      await page.reload();
      await expect(lateForm).toBeVisible();
      await expect(forms).toHaveCount(1);
      await expect(state).toContainText(`${late.label} 被退回`);
      await expect(lateForm.getByText("退回意见:请补充公示截图。")).toBeVisible();
      const keep = lateForm.getByRole("checkbox", { name: "保留 印发文件.pdf" });
      await expect(keep).toBeChecked();
      await expect(lateForm.getByRole("link", { name: "印发文件.pdf" })).toBeVisible();
      await shot(page, "returned", width);

      await lateForm.getByLabel("进展情况").fill(`(${width})已补充公示截图说明。`);
      await lateForm.getByRole("button", { name: "报送", exact: true }).click();
      await expect(toasts(page).filter({ hasText: "已报送,等待司法局审核" })).toBeVisible();
      const card = page.getByRole("region", { name: `区司法局 · ${late.label}进展 已报送,待审核` });
      await expect(card).toContainText("已补充公示截图说明");
      await expect(card.getByRole("link", { name: "印发文件.pdf" })).toBeVisible();
      await expect(state).toContainText(`${late.label} 已报送,待审核`);
      const rows = await e2eQuery<{ fileName: string }>(
        `SELECT a."fileName" FROM "Attachment" a JOIN "ProgressReport" r ON r.id = a."reportId" WHERE r."assignmentId" = $1`,
        [leadAssignmentId],
      );
      expect(rows).toEqual([{ fileName: "印发文件.pdf" }]);
      await shot(page, "resubmitted", width);
    });
  });
}
