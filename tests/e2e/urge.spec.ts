import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan } from "@/lib/demo/factories.ts";
import { todayInChina } from "@/lib/dates.ts";
import { reportingPeriod } from "@/lib/reporting/periods.ts";
import { E2E_DATABASE_URL, e2eQuery, switchUser, toasts, xialuUnitsWithLiaison } from "./helpers.ts";

// 催办 that targets (issue 12): the bureau opens a measure, 催办 opens a dialog
// with the units that owe a report ticked, chooses one unit, confirms with it
// named, and exactly one message reaches each of that unit's liaisons; the
// timeline has one line naming it; a second 催办 the same day sends nothing.
// Each viewport works on a plan and measure of its own. Then a unit's own 催办
// from the dashboards: once from the department dashboard (desk), and the same
// day from its row on the district dashboard (phone), which sends nothing.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

type Unit = { id: number; name: string; login: string };

async function urgedCount(measureId: number, unitId?: number) {
  const rows = await e2eQuery<{ n: string }>(
    `SELECT count(*) AS n FROM "Notification" n JOIN "Reminder" r ON r.id = n."reminderId"
     WHERE r."measureId" = $1 AND ($2::int IS NULL OR r."unitId" = $2::int)`,
    [measureId, unitId ?? null],
  );
  return Number(rows[0]!.n);
}

async function liaisonsOf(unitId: number) {
  const rows = await e2eQuery<{ n: string }>(`SELECT count(*) AS n FROM "User" WHERE "unitId" = $1 AND role = 'LIAISON' AND active`, [
    unitId,
  ]);
  return Number(rows[0]!.n);
}

for (const { name, viewport } of [
  { name: "desk", viewport: { width: 1366, height: 768 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test.describe(`催办 to chosen units (${name} ${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });
    test.describe.configure({ mode: "serial" });

    const shot = (page: Page, step: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS, `urge-${step}-${viewport.width}.png`), fullPage: false });

    let measureId: number;
    let code: string;
    let lead: Unit;
    let chosen: Unit;
    let other: Unit;

    test.beforeAll(async () => {
      // Three 下陆区 units that have a liaison account (xialu.unitNN); the lead has reported this period.
      const units = await xialuUnitsWithLiaison(3);
      expect(units).toHaveLength(3);
      [lead, chosen, other] = units as [Unit, Unit, Unit];
      const prisma = createPrisma(E2E_DATABASE_URL);
      try {
        const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
        const plan =
          (await prisma.plan.findFirst({ where: { title: `催办测试实施方案(${name})` } })) ??
          (await createPlan(prisma, { regionId: xialu.id, title: `催办测试实施方案(${name})`, reportCadence: "QUARTERLY" }));
        code = name === "desk" ? "9.1" : "9.2";
        const measure = await createMeasure(prisma, {
          planId: plan.id,
          code,
          text: `健全行政执法协调监督工作体系(${name})。`,
          deadline: "2030-12-31",
          leadUnitIds: [lead.id],
          responsibleUnitIds: [chosen.id, other.id],
        });
        measureId = measure.id;
        // The third unit has been on the measure for a year, so it owes last period's report too:
        // its own 催办 from the dashboards has at least this measure to list.
        await prisma.assignment.updateMany({
          where: { measureId, unitId: other.id },
          data: { createdAt: new Date(Date.now() - 365 * 86_400_000) },
        });
        const period = reportingPeriod(todayInChina(), plan.reportCadence, plan.reportDueDay);
        const assignment = await prisma.assignment.findFirstOrThrow({ where: { measureId, unitId: lead.id } });
        const author = await prisma.user.findFirstOrThrow({ where: { login: lead.login } });
        await prisma.progressReport.create({
          data: {
            districtId: assignment.districtId,
            assignmentId: assignment.id,
            periodStart: new Date(`${period.start}T00:00:00Z`),
            periodEnd: new Date(`${period.end}T00:00:00Z`),
            state: "APPROVED",
            text: "已按期推进。",
            claimedStatus: "IN_PROGRESS",
            percent: 50,
            authorId: author.id,
            submittedAt: new Date(),
          },
        });
      } finally {
        await prisma.$disconnect();
      }
    });

    test("bureau chooses one unit, confirms it by name, and only its liaisons get one message each", async ({ page }) => {
      await switchUser(page, "xialu.bureau");
      await page.goto(`/measures/${measureId}`);
      await expect(page.getByRole("heading", { level: 1, name: `举措 ${code}` })).toBeVisible();
      await page.getByRole("button", { name: "催办", exact: true }).click();

      const dialog = page.getByRole("dialog", { name: `催办举措 ${code}` });
      await expect(dialog).toBeVisible();
      const box = (unit: Unit) => dialog.getByRole("checkbox", { name: new RegExp(`^${unit.name}`) });
      // Those that owe this period are ticked; the lead, whose report is approved, is listed unticked.
      await expect(box(chosen)).toBeChecked();
      await expect(box(other)).toBeChecked();
      await expect(box(lead)).not.toBeChecked();
      await expect(dialog.getByText(/已通过/)).toBeVisible();
      await shot(page, "dialog");

      await box(other).uncheck();
      await dialog.getByLabel("附言(可不填)").fill("请本周内报送。");
      await shot(page, "chosen");
      await dialog.getByRole("button", { name: "下一步" }).click();
      await expect(dialog.getByText(`将催办 1 个单位:${chosen.name}`)).toBeFocused();
      await expect(dialog.getByText("附言:请本周内报送。")).toBeVisible();
      await shot(page, "confirm");

      const before = { chosen: await urgedCount(measureId, chosen.id), all: await urgedCount(measureId) };
      await dialog.getByRole("button", { name: "确认催办" }).click();
      await expect(toasts(page).filter({ hasText: `已催办 1 个单位:${chosen.name}` })).toBeVisible();
      await expect(dialog).toBeHidden();
      const liaisons = await liaisonsOf(chosen.id);
      expect(liaisons).toBeGreaterThan(0);
      await expect.poll(() => urgedCount(measureId, chosen.id)).toBe(before.chosen + liaisons);
      expect(await urgedCount(measureId)).toBe(before.all + liaisons);

      // One timeline line, naming the unit.
      const timeline = page.locator("section[aria-labelledby=timeline-title] li");
      await expect(timeline.filter({ hasText: `催办:${chosen.name}` })).toHaveCount(1);
      await expect(timeline.filter({ hasText: "催办" })).toHaveCount(1);
      await page.locator("#timeline-title").scrollIntoViewIfNeeded();
      await shot(page, "sent");
    });

    test("a second 催办 of the same unit today sends nothing and says so", async ({ page }) => {
      await switchUser(page, "xialu.bureau");
      await page.goto(`/measures/${measureId}`);
      await page.getByRole("button", { name: "催办", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: `催办举措 ${code}` });
      const box = dialog.getByRole("checkbox", { name: new RegExp(`^${chosen.name}`) });
      // Reminded today: listed, marked, and no longer ticked.
      await expect(box).not.toBeChecked();
      await expect(dialog.locator("li", { hasText: chosen.name }).getByText("今天已催办")).toBeVisible();
      await dialog.getByRole("button", { name: "全部不选" }).click();
      await box.check();
      await dialog.getByRole("button", { name: "下一步" }).click();
      await expect(dialog.getByText(`${chosen.name} 今天已催办过,将不重复发送。`)).toBeVisible();
      const before = await urgedCount(measureId);
      await dialog.getByRole("button", { name: "确认催办" }).click();
      await expect(toasts(page).filter({ hasText: `${chosen.name} 今天已催办过,未重复发送` })).toBeVisible();
      await shot(page, "repeat");
      expect(await urgedCount(measureId)).toBe(before);
      await expect(page.locator("section[aria-labelledby=timeline-title] li").filter({ hasText: "催办" })).toHaveCount(1);
    });

    test("the chosen unit's liaison sees the message naming the measure; the other unit's does not", async ({ page }) => {
      await switchUser(page, chosen.login);
      await page.goto("/inbox?filter=urged");
      const message = page.getByTestId("notification").filter({ hasText: `催办:${code} 健全行政执法协调监督工作体系` });
      await expect(message).toHaveCount(1);
      await expect(message).toContainText("附言:请本周内报送。");
      await shot(page, "inbox");

      await switchUser(page, other.login);
      await page.goto("/inbox?filter=urged");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByTestId("notification").filter({ hasText: `催办:${code} 健全行政执法协调监督工作体系` })).toHaveCount(0);
    });

    test("催办 of a unit from the dashboards: one message listing what it owes, once a day", async ({ page }) => {
      await switchUser(page, "xialu.bureau");
      const sent = async () =>
        Number(
          (
            await e2eQuery<{ n: string }>(
              `SELECT count(*) AS n FROM "Notification" n JOIN "Reminder" r ON r.id = n."reminderId" WHERE r."dedupeKey" LIKE $1`,
              [`urge-unit:${other.id}:%`],
            )
          )[0]!.n,
        );
      const before = await sent();
      const confirmations: string[] = [];
      page.on("dialog", (dialog) => {
        confirmations.push(dialog.message());
        void dialog.accept();
      });
      if (name === "desk") {
        await page.goto(`/dashboard/unit/${other.id}`);
        await page.getByRole("button", { name: `催办${other.name}` }).click();
        await expect(toasts(page).filter({ hasText: new RegExp(`已催办${other.name}的 \\d+ 项逾期报送`) })).toBeVisible();
        expect(confirmations).toEqual([`向${other.name}的联络员发送催办,列出其本期逾期未报的全部进展?`]);
        await shot(page, "unit-dashboard");
        expect(await sent()).toBe(before + (await liaisonsOf(other.id)));

        // Its liaison's one message lists this measure, with a link to it.
        await switchUser(page, other.login);
        await page.goto("/inbox?filter=urged");
        const message = page.getByTestId("notification").filter({ hasText: "项任务的进展报送已逾期" });
        await expect(message).toHaveCount(1);
        const line = message.getByText(new RegExp(`${code} 健全行政执法协调监督工作体系`)).first();
        await expect(line).toBeVisible();
        await expect(message.getByRole("link", { name: "查看举措" }).first()).toBeVisible();
        await message.locator(`a[href="/measures/${measureId}"]`).click();
        await expect(page.getByRole("heading", { level: 1, name: `举措 ${code}` })).toBeVisible();
        await shot(page, "unit-message");
      } else {
        const xialu = await e2eQuery<{ id: number }>(`SELECT id FROM "Region" WHERE code = '420204'`);
        await page.goto(`/dashboard/district/${xialu[0]!.id}`);
        const button = page.getByRole("button", { name: `催办${other.name}` });
        await button.scrollIntoViewIfNeeded();
        await button.click();
        await expect(toasts(page).filter({ hasText: `${other.name} 今天已催办过,未重复发送` })).toBeVisible();
        await shot(page, "district-dashboard");
        expect(await sent()).toBe(before);
      }
    });
  });
}
