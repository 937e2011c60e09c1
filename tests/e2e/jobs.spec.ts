import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eQuery, signIn } from "./helpers.ts";

// 后台任务: ADMIN sees each scheduled job's runs, the one `npm start` made at
// start-up among them; any other role gets 404. Rows inserted here carry a
// host name of their own, so no other spec's data is counted.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

test("ADMIN sees the runs of each job: the start-up run, a failed and a skipped one", async ({ page }) => {
  // npm start ran the reminder job once at start-up, through its lock.
  await expect
    .poll(
      async () =>
        (await e2eQuery<{ n: string }>(`SELECT count(*) AS n FROM "JobRun" WHERE job = 'reminders' AND status = 'SUCCEEDED'`))[0]!.n,
    )
    .not.toBe("0");
  await e2eQuery(
    `INSERT INTO "JobRun" (job, status, "startedAt", "finishedAt", error, host, pid) VALUES
       ('cleanup-files', 'FAILED', now(), now() + interval '2 seconds', 'Error: e2e 存储不可用', 'e2e-app-2', 4242),
       ('cleanup-files', 'SKIPPED', now(), now(), NULL, 'e2e-app-3', 4343)`,
  );

  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "后台任务" }).click();
  await expect(page.getByRole("heading", { name: "后台任务", level: 1 })).toBeVisible();

  const reminders = page.getByRole("region", { name: "催办提醒" });
  await expect(reminders.getByRole("row").filter({ hasText: "成功" }).first()).toContainText("新增站内通知");

  const cleanup = page.getByRole("region", { name: "清理佐证材料文件" });
  const failed = cleanup.getByRole("row").filter({ hasText: "e2e-app-2" });
  await expect(failed).toContainText("失败");
  await expect(failed).toContainText("e2e 存储不可用");
  await expect(failed).toContainText("2.0 秒");
  await expect(cleanup.getByRole("row").filter({ hasText: "e2e-app-3" })).toContainText("已跳过");
  await page.screenshot({ path: path.join(SCREENSHOTS, "jobs-admin-1366.png"), fullPage: false });
});

test("a bureau has no 后台任务: not in its menu, and the page is 404", async ({ page }) => {
  await signIn(page, "xialu.bureau");
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "用户" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "后台任务" })).toHaveCount(0);
  const response = await page.goto("/jobs");
  expect(response?.status()).toBe(404);
  await page.screenshot({ path: path.join(SCREENSHOTS, "jobs-bureau-404-1366.png"), fullPage: false });
});
