import path from "node:path";
import { expect, test } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createUser } from "@/lib/demo/factories.ts";
import { DEMO_PASSWORD, E2E_DATABASE_URL, switchUser } from "./helpers.ts";

// The e2e server's embedded database (playwright.config.ts).
const DATABASE = E2E_DATABASE_URL;
const EVIDENCE = path.resolve(import.meta.dirname, "../fixtures/evidence/印发文件.pdf");

let measureId: number;
let secondMeasureId: number;

test.beforeAll(async () => {
  const prisma = createPrisma(DATABASE);
  try {
    const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
    const justice = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区司法局" } });
    const development = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区发改局" } });
    // Idempotent, so the spec can run again against the same server.
    if (!(await prisma.user.findUnique({ where: { login: "e2e.fgj" } })))
      await createUser(prisma, {
        login: "e2e.fgj",
        name: "发改联络员",
        role: "LIAISON",
        regionId: xialu.id,
        unitId: development.id,
        password: DEMO_PASSWORD,
      });
    const plan = await createPlan(prisma, { regionId: xialu.id, title: "端到端测试实施方案", reportCadence: "QUARTERLY" });
    const measure = await createMeasure(prisma, {
      planId: plan.id,
      code: "1",
      text: "制定重大行政决策事项目录并向社会公布。",
      deadline: "2030-12-31",
      leadUnitIds: [justice.id],
      responsibleUnitIds: [development.id],
    });
    measureId = measure.id;
    secondMeasureId = (
      await createMeasure(prisma, {
        planId: plan.id,
        code: "2",
        text: "建立行政规范性文件合法性审核机制。",
        deadline: "2030-06-30",
        leadUnitIds: [justice.id],
        responsibleUnitIds: [development.id],
      })
    ).id;
  } finally {
    await prisma.$disconnect();
  }
});

test("responsible reports, lead consolidates, bureau returns, lead resubmits with evidence, bureau approves", async ({ page }) => {
  test.setTimeout(120_000);

  await switchUser(page, "e2e.fgj");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的任务" }).click();
  await page.getByRole("link", { name: /制定重大行政决策事项目录/ }).click();
  const responsibleForm = page.getByRole("form", { name: /区发改局报送/ });
  await responsibleForm.getByLabel("进展情况").fill("已梳理本部门决策事项 12 项,报司法局汇总。");
  await responsibleForm.getByLabel("完成进度(%)").fill("80");
  await responsibleForm.getByRole("button", { name: "报送", exact: true }).click();
  await expect(page.getByText("已报送,等待司法局审核")).toBeVisible();

  await switchUser(page, "xialu.liaison");
  await page.goto(`/measures/${measureId}`);
  await expect(page.getByText("已梳理本部门决策事项 12 项").first()).toBeVisible();
  const leadForm = page.getByRole("form", { name: /区司法局报送/ });
  await leadForm.getByLabel("进展情况").fill("汇总各部门事项,目录已经区政府常务会议审议通过并公布。");
  await leadForm.getByLabel("已完成").check();
  await leadForm.getByRole("button", { name: "报送", exact: true }).click();
  await expect(page.getByText("已报送,等待司法局审核")).toBeVisible();

  await switchUser(page, "xialu.bureau");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "审核" }).click();
  // The demo data has other 区司法局 reports waiting too: review this one.
  const leadReview = page
    .getByRole("listitem")
    .filter({ hasText: "汇总各部门事项,目录已经区政府常务会议审议通过并公布。" })
    .getByRole("group", { name: "审核区司法局的报送" });
  await leadReview.getByLabel(/审核意见/).fill("请附目录印发文件。");
  await leadReview.getByRole("button", { name: "退回" }).click();
  // Decided reports leave the queue.
  await expect(leadReview).toHaveCount(0);

  await switchUser(page, "xialu.liaison");
  await page.goto(`/measures/${measureId}`);
  await expect(page.getByText("退回意见:请附目录印发文件。").first()).toBeVisible();
  const resubmit = page.getByRole("form", { name: /区司法局报送/ });
  await expect(resubmit.getByLabel("进展情况")).toHaveValue("汇总各部门事项,目录已经区政府常务会议审议通过并公布。");
  await resubmit.getByLabel(/佐证材料/).setInputFiles(EVIDENCE);
  await resubmit.getByRole("button", { name: "报送", exact: true }).click();
  await expect(page.getByText("已报送,等待司法局审核")).toBeVisible();

  await switchUser(page, "xialu.bureau");
  await page.goto(`/measures/${measureId}`);
  await page.getByRole("group", { name: "审核区司法局的报送" }).getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByRole("group", { name: "审核区司法局的报送" })).toHaveCount(0);
  await page.reload();

  await expect(page.getByLabel("举措内容").getByText("绿灯·正常")).toBeVisible();
  await expect(page.getByLabel("举措内容").getByText("已完成")).toBeVisible();
  await expect(page.getByRole("link", { name: "印发文件.pdf" })).toBeVisible();
  const timeline = page
    .getByRole("region", { name: "办理记录" })
    .or(page.locator("section", { has: page.getByRole("heading", { name: "办理记录" }) }));
  await expect(timeline.getByRole("listitem")).toHaveText([
    /发改联络员\(区发改局\) 报送$/,
    /李联络\(区司法局\) 报送$/,
    /王司法\(区司法局\) 退回$/,
    /李联络\(区司法局\) 重新报送$/,
    /王司法\(区司法局\) 审核通过$/,
  ]);
  await expect(timeline.getByRole("listitem").first().locator("time")).toHaveText(/\d{4}\/\d{1,2}\/\d{1,2}/);
  await page.screenshot({ path: "test-results/measure-completed.png", fullPage: true });
});

test("the lead unit asks for an extension, the bureau approves it; a reminder reaches the liaison's inbox", async ({ page }) => {
  await switchUser(page, "xialu.liaison");
  await page.goto(`/measures/${secondMeasureId}`);
  const request = page.getByRole("form", { name: "申请延期" });
  await request.getByLabel("新的完成时限").fill("2031-06-30");
  await request.getByRole("button", { name: "提交延期申请" }).click();
  await expect(request.getByText("请填写延期理由")).toBeVisible();
  await expect(request.getByLabel("新的完成时限")).toHaveValue("2031-06-30");
  await request.getByLabel("延期理由").fill("需等待上级文件出台后再行制定。");
  await request.getByRole("button", { name: "提交延期申请" }).click();
  // The form gives way to the pending request once it is recorded.
  await expect(page.getByText(/区司法局申请延期至 2031年6月30日/)).toBeVisible();
  await expect(page.getByText("待审批")).toBeVisible();

  await switchUser(page, "xialu.bureau");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "审核" }).click();
  await page.getByRole("group", { name: "审批区司法局的延期申请" }).getByRole("button", { name: "批准延期" }).click();
  await expect(page.getByRole("group", { name: "审批区司法局的延期申请" })).toHaveCount(0);
  await page.goto(`/measures/${secondMeasureId}`);
  await expect(page.getByText("2031年6月30日(原定 2030年6月30日,已延期)")).toBeVisible();
  // 催办 opens a choice of units with those that owe a report ticked (区发改局 has not reported).
  await page.getByRole("button", { name: "催办", exact: true }).click();
  const urge = page.getByRole("dialog", { name: "催办举措 2" });
  await expect(urge.getByRole("checkbox", { name: /^区发改局/ })).toBeChecked();
  await urge.getByRole("button", { name: "下一步" }).click();
  await urge.getByRole("button", { name: "确认催办" }).click();
  await expect(page.getByText(/已催办 \d+ 个单位:.*区发改局/)).toBeVisible();

  await switchUser(page, "e2e.fgj");
  await expect(page.getByRole("link", { name: /消息,未读 [1-9]/ })).toBeVisible();
  await page.getByRole("link", { name: /消息,未读/ }).click();
  await expect(page.getByRole("link", { name: /催办:/ }).first()).toBeVisible();
});
