import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan } from "@/lib/demo/factories.ts";
import { E2E_DATABASE_URL, e2eQuery, signIn, toasts } from "./helpers.ts";

// From one plan to the next, as the bureau does it in December 2026 (issue 15):
// xialu.bureau confirms that a 2021–2025 plan has ended (期满), takes its
// 终期评估 and carries its unfinished measure (结转) into the district's 2026
// 工作要点; xialu.leader reads the ended plan, its 终期评估 and the issued 通报;
// xialu.liaison (区司法局) finds the carried measure among this period's tasks
// on a phone, with where it came from. The plan is this spec's own (a title
// with the run's time), so a rerun starts from a plan in force again.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const shot = (page: Page, step: string, width: 1366 | 390) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `plan-life-${step}-${width}.png`), fullPage: false });

const RUN = new Date().toISOString().slice(11, 19).replaceAll(":", "");
const PLAN_TITLE = `端到端法治建设规划(2021-2025年)${RUN}`;
const UNFINISHED = `推行端到端结转测试事项清单管理${RUN}。`;
const SUCCESSOR = "下陆区2026年法治建设工作要点";
let planId: number;
let oldMeasureId: number;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const prisma = createPrisma(E2E_DATABASE_URL);
  try {
    const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
    const justice = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区司法局" } });
    const plan = await createPlan(prisma, {
      regionId: xialu.id,
      title: PLAN_TITLE,
      periodStart: 2021,
      periodEnd: 2025,
      reportCadence: "QUARTERLY",
    });
    await prisma.plan.update({ where: { id: plan.id }, data: { issueDate: new Date("2021-06-30T00:00:00Z") } });
    planId = plan.id;
    oldMeasureId = (await createMeasure(prisma, { planId, code: "1", text: UNFINISHED, deadline: "2025-06-30", leadUnitIds: [justice.id] }))
      .id;
    const done = await createMeasure(prisma, {
      planId,
      code: "2",
      text: `端到端已完成事项${RUN}。`,
      deadline: "2024-12-31",
      leadUnitIds: [justice.id],
    });
    await prisma.assignment.updateMany({
      where: { measureId: done.id },
      data: { status: "COMPLETED", percent: 100, completedAt: new Date("2024-11-20T02:00:00Z") },
    });
  } finally {
    await prisma.$disconnect();
  }
});

test.describe("the bureau closes a plan and carries it over (1366×768)", () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test("xialu.bureau confirms 期满, takes the 终期评估 and carries the unfinished measure into the 2026 工作要点", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "xialu.bureau");
    await page.goto(`/plans/${planId}`);
    const life = page.getByRole("region", { name: "规划状态" });
    await expect(life.getByText("施行中")).toBeVisible();
    await shot(page, "in-force", 1366);

    // 期满: the dialog offers the period's last day, and the plan stops collecting at once.
    await life.getByRole("button", { name: "期满" }).click();
    const dialog = page.getByRole("dialog", { name: "确认规划期满" });
    await expect(dialog.getByLabel("期满日期")).toHaveValue("2025-12-31");
    await dialog.getByRole("button", { name: "确认期满" }).click();
    await expect(toasts(page).filter({ hasText: "已确认规划期满,不再收集报送和催办" })).toBeVisible();
    await expect(life.getByText("期满", { exact: true })).toBeVisible();
    await expect(life.getByText("已不再收集进展报送,举措不再催办。")).toBeVisible();
    await expect(life.getByRole("button", { name: "终止" })).toHaveCount(0);

    // 终期评估: the snapshot at 2025-12-31, listing the unfinished measure and not the completed one.
    await life.getByRole("button", { name: "生成终期评估" }).click();
    await expect(page).toHaveURL(/\/evaluations\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: /终期评估/ })).toBeVisible();
    const unfinished = page.getByRole("table", { name: "规划期末未完成的举措" });
    await expect(unfinished.getByRole("row").filter({ hasText: UNFINISHED })).toBeVisible();
    await expect(unfinished.getByText(`端到端已完成事项${RUN}。`)).toHaveCount(0);
    await shot(page, "final-evaluation", 1366);

    // 结转: the unfinished measure, ticked, into the 2026 工作要点.
    await page.goto(`/plans/${planId}`);
    await expect(page.getByRole("region", { name: "规划状态" }).getByRole("link", { name: "查看终期评估" })).toBeVisible();
    const carry = page.getByRole("form", { name: "结转未完成举措" });
    await expect(carry.getByRole("checkbox", { name: new RegExp(UNFINISHED) })).toBeChecked();
    await expect(carry.getByRole("checkbox")).toHaveCount(1);
    await carry.getByLabel("结转到").selectOption({ label: `《${SUCCESSOR}》` });
    await shot(page, "carry", 1366);
    await carry.getByRole("button", { name: "结转所选举措" }).click();
    await expect(toasts(page).filter({ hasText: `已结转 1 项举措到《${SUCCESSOR}》` })).toBeVisible();

    const [carried] = await e2eQuery<{ id: number; title: string; succession: string }>(
      `SELECT m.id, p.title, m.succession::text FROM "Measure" m JOIN "Plan" p ON p.id = m."planId" WHERE m."previousId" = $1`,
      [oldMeasureId],
    );
    expect(carried).toMatchObject({ title: SUCCESSOR, succession: "CARRIED" });
    // The old measure keeps its place and points to where it went.
    await page.goto(`/measures/${oldMeasureId}`);
    await expect(page.getByText("去向:")).toBeVisible();
    await expect(page.getByRole("link", { name: new RegExp(SUCCESSOR) })).toBeVisible();
  });
});

test.describe("the leader reads the ended plan and the 通报 (1366×768)", () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test("xialu.leader sees 期满 and its successor, opens the 终期评估 and the issued 通报, and changes nothing", async ({ page }) => {
    await signIn(page, "xialu.leader");
    await page.goto(`/plans/${planId}`);
    const life = page.getByRole("region", { name: "规划状态" });
    await expect(life.getByText("期满", { exact: true })).toBeVisible();
    await expect(life.getByRole("button")).toHaveCount(0);
    await expect(page.getByRole("form", { name: "结转未完成举措" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: `《${SUCCESSOR}》` })).toBeVisible();
    await life.getByRole("link", { name: "查看终期评估" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /终期评估/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "规划期末未完成的举措" }).getByText(UNFINISHED)).toBeVisible();

    // The demo's issued 通报: the ranking, read only.
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "通报" }).click();
    await page
      .getByRole("link", { name: /法治政府建设任务推进情况的通报$/ })
      .first()
      .click();
    await expect(page.getByRole("table", { name: "各单位任务推进情况排名" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "排名靠后单位" })).toBeVisible();
    await expect(page.getByRole("button", { name: "审核" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "印发" })).toHaveCount(0);
    await shot(page, "leader-circular", 1366);
  });
});

test.describe("the liaison reports on the carried measure (390×844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("xialu.liaison finds it among this period's tasks, sees where it came from, and the old plan asks for nothing", async ({ page }) => {
    await signIn(page, "xialu.liaison");
    await page.goto("/tasks");
    // The whole text fits the list's 80 characters, this run's time included.
    await page.getByRole("link", { name: `1 ${UNFINISHED}` }).click();
    await expect(page).toHaveURL(/\/measures\/\d+$/);
    await expect(page.getByText("来源:")).toBeVisible();
    await expect(page.getByRole("link", { name: `《${PLAN_TITLE}》举措 1` })).toBeVisible();
    await expect(page.getByRole("form", { name: /报送/ }).first()).toBeVisible();
    await shot(page, "carried-measure", 390);

    // The ended plan's measure: history only, no form.
    await page.goto(`/measures/${oldMeasureId}`);
    await expect(page.getByText("去向:")).toBeVisible();
    await expect(page.getByRole("form", { name: /报送/ })).toHaveCount(0);
    await shot(page, "ended-measure", 390);
  });
});
