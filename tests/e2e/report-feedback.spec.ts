import { expect, test } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan } from "@/lib/demo/factories.ts";
import { E2E_DATABASE_URL, e2eQuery, switchUser, toasts } from "./helpers.ts";

// Feedback after each step of the report loop, at a desk and on a phone:
// Enter in a single-line field never submits, every action answers with a toast,
// and a submitted report stays in view instead of an empty form taking its place.

async function reportCount(measureId: number) {
  const rows = await e2eQuery<{ n: string }>(
    `SELECT count(*) AS n FROM "ProgressReport" r JOIN "Assignment" a ON a.id = r."assignmentId" WHERE a."measureId" = $1`,
    [measureId],
  );
  return Number(rows[0]!.n);
}

for (const { name, viewport } of [
  { name: "desk", viewport: { width: 1366, height: 768 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test.describe(`report feedback (${name} ${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });
    test.describe.configure({ mode: "serial" });

    let approveId: number;
    let returnId: number;
    const approveText = `${name}:目录已经区政府常务会议审议通过并公布。`;
    const returnText = `${name}:合法性审核机制已起草,待印发。`;

    test.beforeAll(async () => {
      const prisma = createPrisma(E2E_DATABASE_URL);
      try {
        const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
        const justice = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区司法局" } });
        const plan = await createPlan(prisma, { regionId: xialu.id, title: `反馈测试实施方案(${name})`, reportCadence: "QUARTERLY" });
        const measure = (code: string, text: string) =>
          createMeasure(prisma, { planId: plan.id, code, text, deadline: "2030-12-31", leadUnitIds: [justice.id] });
        approveId = (await measure("1", `编制重大行政决策事项目录(${name})。`)).id;
        returnId = (await measure("2", `建立规范性文件合法性审核机制(${name})。`)).id;
      } finally {
        await prisma.$disconnect();
      }
    });

    test("Enter in 完成进度 does not submit; 保存草稿 and 报送 toast, and the submitted report stays in view", async ({ page }) => {
      await switchUser(page, "xialu.liaison");
      await page.goto(`/measures/${approveId}`);
      const form = page.getByRole("form", { name: /区司法局报送/ }).first();
      await form.getByLabel("进展情况").fill(approveText);
      const percent = form.getByLabel("完成进度(%)");
      await percent.fill("60");
      await percent.press("Enter");
      // Give a submission, had there been one, time to reach the server.
      await page.waitForTimeout(1500);
      expect(await reportCount(approveId)).toBe(0);
      await expect(toasts(page)).toHaveCount(0);
      await expect(form.getByLabel("进展情况")).toHaveValue(approveText);
      await expect(percent).toBeFocused();

      // Enter in the textarea is a new line, not a submission.
      await form.getByLabel("进展情况").press("End");
      await form.getByLabel("进展情况").press("Enter");
      await form.getByLabel("进展情况").pressSequentially("第二段。");
      await expect(form.getByLabel("进展情况")).toHaveValue(`${approveText}\n第二段。`);
      await form.getByLabel("进展情况").fill(approveText);
      expect(await reportCount(approveId)).toBe(0);

      await form.getByRole("button", { name: "保存草稿" }).click();
      await expect(toasts(page).filter({ hasText: "草稿已保存" })).toBeVisible();
      await expect.poll(() => reportCount(approveId)).toBe(1);
      // The draft stays in its form, and focus on the form's heading.
      await expect(form.getByRole("heading", { level: 3 })).toBeFocused();

      // 报送 by keyboard: Tab to the button, Enter.
      const submit = form.getByRole("button", { name: "报送", exact: true });
      await expect(submit).toBeEnabled();
      await submit.focus();
      await expect(submit).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(toasts(page).filter({ hasText: "已报送,等待司法局审核" })).toBeVisible();
      const submitted = page.getByRole("region", { name: /区司法局 · \d{4}年第.季度进展 已报送,待审核/ }).first();
      await expect(submitted).toBeVisible();
      await expect(submitted.getByText(approveText)).toBeVisible();
      await expect(submitted.getByRole("heading")).toBeFocused();
      await page.screenshot({ path: `test-results/report-feedback-submitted-${name}.png`, fullPage: true });

      // A second measure, submitted by click, for the bureau to return.
      await page.goto(`/measures/${returnId}`);
      const second = page.getByRole("form", { name: /区司法局报送/ }).first();
      await second.getByLabel("进展情况").fill(returnText);
      await second.getByRole("button", { name: "报送", exact: true }).click();
      await expect(toasts(page).filter({ hasText: "已报送,等待司法局审核" })).toBeVisible();
      await expect(
        page
          .getByRole("region", { name: /已报送,待审核/ })
          .first()
          .getByText(returnText),
      ).toBeVisible();
    });

    test("the bureau's 通过 and 退回 toast and the report's new state shows", async ({ page }) => {
      await switchUser(page, "xialu.bureau");
      await page.goto(`/measures/${approveId}`);
      const approved = page.getByRole("listitem").filter({ hasText: approveText });
      await approved.getByRole("group", { name: "审核区司法局的报送" }).getByRole("button", { name: "审核通过" }).click();
      await expect(toasts(page).filter({ hasText: "已审核通过" })).toBeVisible();
      await expect(approved.getByText("已通过", { exact: true })).toBeVisible();
      await expect(approved.getByRole("group", { name: "审核区司法局的报送" })).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "进展报送" })).toBeFocused();

      await page.goto(`/measures/${returnId}`);
      const returned = page.getByRole("listitem").filter({ hasText: returnText });
      const controls = returned.getByRole("group", { name: "审核区司法局的报送" });
      await controls.getByRole("button", { name: "退回" }).click();
      // A missing comment is the field's own error, not a toast.
      await expect(controls.getByText("退回时请填写退回意见")).toBeVisible();
      await expect(toasts(page)).toHaveCount(0);
      await controls.getByLabel(/意见/).fill("请补充印发文件。");
      await controls.getByRole("button", { name: "退回" }).click();
      await expect(toasts(page).filter({ hasText: "已退回,并通知了报送单位" })).toBeVisible();
      await expect(returned.getByText("被退回", { exact: true })).toBeVisible();
      await expect(returned.getByText("退回意见:请补充印发文件。")).toBeVisible();
      await page.screenshot({ path: `test-results/report-feedback-returned-${name}.png`, fullPage: true });
    });
  });
}
