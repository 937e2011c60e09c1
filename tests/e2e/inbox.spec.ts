import { expect, test, type Page } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport } from "@/lib/demo/factories.ts";
import { DEMO_PASSWORD, E2E_DATABASE_URL, e2eQuery } from "./helpers.ts";

// 消息: a report returned by the bureau reaches the liaison as a message that
// names the measure and the period, above the automatic reminders; opening it
// marks it read. On a desk and on a phone.

const VIEWPORTS = [
  { name: "desk", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;

const measures = new Map<string, { id: number; code: string; text: string }>();

test.beforeAll(async () => {
  const prisma = createPrisma(E2E_DATABASE_URL);
  try {
    const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
    const justice = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区司法局" } });
    const liaison = await prisma.user.findUniqueOrThrow({ where: { login: "xialu.liaison" } });
    const plan = await createPlan(prisma, { regionId: xialu.id, title: "消息端到端测试方案", reportCadence: "QUARTERLY" });
    for (const [i, viewport] of VIEWPORTS.entries()) {
      const text = `推行行政执法三项制度(${viewport.name === "desk" ? "桌面" : "手机"}核对)`;
      const measure = await createMeasure(prisma, {
        planId: plan.id,
        code: `M${i + 1}`,
        text,
        deadline: "2030-12-31",
        leadUnitIds: [justice.id],
      });
      const assignment = await prisma.assignment.findFirstOrThrow({ where: { measureId: measure.id } });
      await createProgressReport(prisma, {
        assignmentId: assignment.id,
        period: { start: "2026-07-01", end: "2026-09-30" },
        state: "SUBMITTED",
        text: "已完成执法公示平台建设。",
        authorId: liaison.id,
      });
      measures.set(viewport.name, { id: measure.id, code: `M${i + 1}`, text });
    }
  } finally {
    await prisma.$disconnect();
  }
});

async function signInAs(page: Page, login: string) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("账号").fill(login);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

for (const viewport of VIEWPORTS) {
  test(`${viewport.name} ${viewport.width}×${viewport.height}: a returned report's message names measure and period; opening it marks it read`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const measure = measures.get(viewport.name)!;

    await signInAs(page, "xialu.bureau");
    await page.goto(`/measures/${measure.id}`);
    const review = page.getByRole("group", { name: "审核区司法局的报送" });
    await review.getByRole("textbox").fill("请补充公示平台截图。");
    await review.getByRole("button", { name: "退回" }).click();
    await expect(review).toHaveCount(0);

    await signInAs(page, "xialu.liaison");
    await page.goto("/inbox");
    await expect(page.getByTestId("inbox-summary")).toContainText(
      /未读 \d+ 条:来自人员的消息\(退回、催办、审核结果等\)\d+ 条,自动提醒 \d+ 条/,
    );
    // Messages from people come first: the newest one is this return.
    const first = page.getByTestId("notification").first();
    await expect(first).toContainText(`进展报送被退回:${measure.code} ${measure.text}(2026年第三季度)`);
    await expect(first).toContainText("退回意见:请补充公示平台截图。");
    await expect(first).toHaveAttribute("data-read", "false");

    const filters = page.getByRole("navigation", { name: "筛选消息" });
    await filters.getByRole("link", { name: /^退回/ }).click();
    await expect(page).toHaveURL(/\/inbox\?filter=returned$/);
    await expect(filters.getByRole("link", { name: /^退回/ })).toHaveAttribute("aria-current", "page");
    const item = page.getByTestId("notification").filter({ hasText: `${measure.code} ${measure.text}` });
    await expect(item).toHaveCount(1);
    await page.screenshot({ path: `test-results/inbox-returned-${viewport.name}.png`, fullPage: true });

    await item.getByRole("link", { name: /进展报送被退回/ }).click();
    await expect(page).toHaveURL(new RegExp(`/measures/${measure.id}$`));
    const [row] = await e2eQuery<{ read: boolean }>(
      `SELECT n."readAt" IS NOT NULL AS read FROM "Notification" n JOIN "User" u ON u.id = n."userId"
       WHERE u.login = 'xialu.liaison' AND n.link = $1 AND n.kind = 'RETURNED'`,
      [`/measures/${measure.id}`],
    );
    expect(row).toEqual({ read: true });

    await page.goto("/inbox?filter=returned");
    await expect(page.getByTestId("notification").filter({ hasText: `${measure.code} ${measure.text}` })).toHaveAttribute(
      "data-read",
      "true",
    );
    await page.screenshot({ path: `test-results/inbox-read-${viewport.name}.png`, fullPage: true });
  });
}
