import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan } from "@/lib/demo/factories.ts";
import { todayInChina } from "@/lib/dates.ts";
import { reportingPeriod } from "@/lib/reporting/periods.ts";
import { E2E_DATABASE_URL, e2eQuery, switchUser, toasts, xialuUnitsWithLiaison, approveInBatch } from "./helpers.ts";

// The weekly loop of issue 12, walked as the people do it, at a desk and on a phone:
// the liaison reports (toast, state changed, nothing lost) → the bureau hears of it →
// returns one with a comment → the liaison reads the message naming the measure and
// resubmits, the earlier attachment kept → the bureau approves both from a filtered
// queue in one batch → 催办 to one chosen unit reaches only that unit's liaisons, once.
// Each size works on a plan of its own, so the steps see only their own reports.

const EVIDENCE = path.resolve(import.meta.dirname, "../fixtures/evidence/印发文件.pdf");
const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

type Unit = { id: number; name: string; login: string };

async function notificationsOf(unitId: number) {
  const rows = await e2eQuery<{ n: string }>(
    `SELECT count(*) AS n FROM "Notification" n JOIN "User" u ON u.id = n."userId" WHERE u."unitId" = $1`,
    [unitId],
  );
  return Number(rows[0]!.n);
}

for (const { name, viewport } of [
  { name: "desk", viewport: { width: 1366, height: 768 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test.describe(`the weekly loop (${name} ${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });
    test.describe.configure({ mode: "serial" });

    const shot = (page: Page, step: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS, `weekly-loop-${step}-${viewport.width}.png`), fullPage: false });
    const planTitle = `周例行闭环测试方案(${name})`;
    const period = reportingPeriod(todayInChina(), "QUARTERLY", 10);
    const measures = {
      returned: { code: "71", text: `建立行政执法案卷评查制度(${name})`, id: 0 },
      approved: { code: "72", text: `推行轻微违法行为不予处罚清单(${name})`, id: 0 },
      urged: { code: "73", text: `健全行政复议案件审理机制(${name})`, id: 0 },
    };
    const firstText = `(${name})案卷评查办法已起草,征求意见中。`;
    const comment = "请补充评查办法征求意见稿。";
    let chosen: Unit;
    let other: Unit;

    test.beforeAll(async () => {
      // Two 下陆区 units with liaison accounts (xialu.unitNN) share the third measure.
      const units = await xialuUnitsWithLiaison(2, "DESC");
      expect(units).toHaveLength(2);
      [chosen, other] = units as [Unit, Unit];
      const prisma = createPrisma(E2E_DATABASE_URL);
      try {
        const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
        const justice = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区司法局" } });
        const plan = await createPlan(prisma, { regionId: xialu.id, title: planTitle, reportCadence: "QUARTERLY", reportDueDay: 10 });
        for (const [key, m] of Object.entries(measures)) {
          const responsible = key === "urged" ? [chosen.id, other.id] : [];
          m.id = (
            await createMeasure(prisma, {
              planId: plan.id,
              code: m.code,
              text: m.text,
              deadline: "2030-12-31",
              leadUnitIds: [justice.id],
              responsibleUnitIds: responsible,
            })
          ).id;
        }
      } finally {
        await prisma.$disconnect();
      }
    });

    const reportOf = async (measureId: number) =>
      (
        await e2eQuery<{ id: number; state: string; text: string; files: string }>(
          `SELECT r.id, r.state, r.text, (SELECT count(*) FROM "Attachment" f WHERE f."reportId" = r.id) AS files
           FROM "ProgressReport" r JOIN "Assignment" a ON a.id = r."assignmentId" JOIN "Unit" u ON u.id = a."unitId"
           WHERE a."measureId" = $1 AND u.name = '区司法局'`,
          [measureId],
        )
      )[0];

    test("1. the liaison reports: a toast, the report in view with its state, nothing lost", async ({ page }) => {
      await switchUser(page, "xialu.liaison");
      await shot(page, "1-workbench");
      for (const [m, text, file] of [
        [measures.returned, firstText, true],
        [measures.approved, `(${name})不予处罚清单已公布。`, false],
      ] as const) {
        await page.goto(`/measures/${m.id}`);
        const form = page.getByRole("form", { name: `区司法局报送${period.label}进展` });
        await expect(form).toBeVisible();
        await form.getByLabel("进展情况").fill(text);
        await form.getByLabel("完成进度(%)").fill("40");
        if (file) await form.getByLabel(/佐证材料/).setInputFiles(EVIDENCE);
        await form.getByRole("button", { name: "报送", exact: true }).click();
        await expect(toasts(page).filter({ hasText: "已报送,等待司法局审核" })).toBeVisible();
        const card = page.getByRole("region", { name: `区司法局 · ${period.label}进展 已报送,待审核` });
        await expect(card).toContainText(text);
        await expect(page.getByTestId("unit-period-state")).toContainText(`${period.label} 已报送,待审核`);
        if (file) await shot(page, "1-reported");
      }
      expect(await reportOf(measures.returned.id)).toMatchObject({ state: "SUBMITTED", text: firstText, files: "1" });
    });

    test("2. the bureau hears of the reports in its inbox, and returns one with a comment from the review desk", async ({ page }) => {
      await switchUser(page, "xialu.bureau");
      await page.goto("/inbox");
      const digest = page.getByTestId("notification").filter({ hasText: /今日收到 \d+ 份进展报送/ });
      await expect(digest).toHaveCount(1);
      await expect(digest).toContainText(`${measures.returned.code} ${measures.returned.text}`);
      await shot(page, "2-bureau-inbox");

      await page.goto("/reviews");
      const filters = page.getByRole("search", { name: "筛选待审核事项" });
      await filters.getByLabel("规划").selectOption({ label: planTitle });
      await filters.getByRole("button", { name: "筛选" }).click();
      await expect(page).toHaveURL(/plan=\d+/);
      const items = page.locator("main ol > li");
      await expect(items).toHaveCount(2);
      const item = items.filter({ hasText: measures.returned.text });
      await expect(item).toContainText(period.label);
      const controls = item.getByRole("group", { name: "审核区司法局的报送" });
      await controls.getByLabel(/审核意见/).fill(comment);
      await controls.getByRole("button", { name: "退回" }).click();
      await expect(toasts(page).filter({ hasText: "已退回,并通知了报送单位" })).toBeVisible();
      await expect(item.getByText("已退回", { exact: true })).toBeVisible();
      await shot(page, "2-returned");
      await expect.poll(async () => (await reportOf(measures.returned.id))?.state).toBe("RETURNED");
    });

    test("3. the liaison reads the message naming the measure and period, and resubmits with the attachment kept", async ({ page }) => {
      await switchUser(page, "xialu.liaison");
      await page.goto("/inbox?filter=returned");
      const message = page.getByTestId("notification").filter({ hasText: measures.returned.text });
      await expect(message).toHaveCount(1);
      await expect(message).toContainText(`进展报送被退回:${measures.returned.code} ${measures.returned.text}(${period.label})`);
      await expect(message).toContainText(`退回意见:${comment}`);
      await shot(page, "3-message");
      await message.getByRole("link", { name: /进展报送被退回/ }).click();
      await expect(page).toHaveURL(new RegExp(`/measures/${measures.returned.id}$`));

      const form = page.getByRole("form", { name: `区司法局报送${period.label}进展` });
      await expect(form.getByLabel("进展情况")).toHaveValue(firstText);
      await expect(form.getByRole("checkbox", { name: "保留 印发文件.pdf" })).toBeChecked();
      await form.getByLabel("进展情况").fill(`${firstText}征求意见稿已附上。`);
      await shot(page, "3-resubmitting");
      await form.getByRole("button", { name: "报送", exact: true }).click();
      await expect(toasts(page).filter({ hasText: "已报送,等待司法局审核" })).toBeVisible();
      const card = page.getByRole("region", { name: `区司法局 · ${period.label}进展 已报送,待审核` });
      await expect(card).toContainText("征求意见稿已附上");
      await expect(card.getByRole("link", { name: "印发文件.pdf" })).toBeVisible();
      await shot(page, "3-resubmitted");
      expect(await reportOf(measures.returned.id)).toMatchObject({ state: "SUBMITTED", files: "1" });
    });

    test("4. the bureau approves both from the filtered queue in one batch", async ({ page }) => {
      await switchUser(page, "xialu.bureau");
      await page.goto("/reviews");
      const filters = page.getByRole("search", { name: "筛选待审核事项" });
      await filters.getByLabel("报送期").selectOption({ label: period.label });
      await filters.getByLabel("规划").selectOption({ label: planTitle });
      await filters.getByRole("button", { name: "筛选" }).click();
      const items = page.locator("main ol > li");
      await expect(items).toHaveCount(2);
      const confirmation = await approveInBatch(
        page,
        [measures.returned, measures.approved].map((m) => `选择区司法局 · 举措 ${m.code}(${period.label})`),
      );
      expect(confirmation).toBe("确认通过 2 份报送?");
      await expect(items.getByText("已通过", { exact: true })).toHaveCount(2);
      await shot(page, "4-approved");
      for (const m of [measures.returned, measures.approved]) expect((await reportOf(m.id))?.state).toBe("APPROVED");
    });

    test("5. 催办 to one chosen unit: exactly one message for each of its liaisons, none for the other", async ({ page }) => {
      await switchUser(page, "xialu.bureau");
      await page.goto(`/measures/${measures.urged.id}`);
      await page.getByRole("button", { name: "催办", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: `催办举措 ${measures.urged.code}` });
      await expect(dialog).toBeVisible();
      await dialog.getByRole("button", { name: "全部不选" }).click();
      await dialog.getByRole("checkbox", { name: new RegExp(`^${chosen.name}`) }).check();
      await dialog.getByLabel("附言(可不填)").fill("请于本周五前报送。");
      await dialog.getByRole("button", { name: "下一步" }).click();
      await expect(dialog.getByText(`将催办 1 个单位:${chosen.name}`)).toBeVisible();
      await shot(page, "5-confirm");
      const before = { chosen: await notificationsOf(chosen.id), other: await notificationsOf(other.id) };
      const liaisons = Number(
        (
          await e2eQuery<{ n: string }>(`SELECT count(*) AS n FROM "User" WHERE "unitId" = $1 AND role = 'LIAISON' AND active`, [chosen.id])
        )[0]!.n,
      );
      expect(liaisons).toBeGreaterThan(0);
      await dialog.getByRole("button", { name: "确认催办" }).click();
      await expect(toasts(page).filter({ hasText: `已催办 1 个单位:${chosen.name}` })).toBeVisible();
      await expect.poll(() => notificationsOf(chosen.id)).toBe(before.chosen + liaisons);
      expect(await notificationsOf(other.id)).toBe(before.other);
      await shot(page, "5-urged");

      await switchUser(page, chosen.login);
      await page.goto("/inbox?filter=urged");
      const urged = page.getByTestId("notification").filter({ hasText: measures.urged.text });
      await expect(urged).toHaveCount(1);
      await expect(urged).toContainText("附言:请于本周五前报送。");
      await shot(page, "5-unit-inbox");
    });
  });
}
