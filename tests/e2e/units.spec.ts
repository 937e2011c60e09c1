import { expect, test } from "@playwright/test";
import { signIn } from "./helpers.ts";

test("the bureau adds a unit; a duplicate name is refused in Chinese and the typed text stays", async ({ page }) => {
  await signIn(page, "xialu.bureau");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "单位", exact: true }).click();
  await page.getByRole("link", { name: "新增单位" }).click();

  await page.getByLabel("单位名称").fill("区司法局");
  await page.getByLabel("别名").fill("区法制办");
  await page.getByRole("button", { name: "新增单位" }).click();
  await expect(page.getByText("本区域已有名为“区司法局”的单位或别名")).toBeVisible();
  await expect(page.getByLabel("别名")).toHaveValue("区法制办");

  await page.getByLabel("单位名称").fill("区数据局");
  await page.getByRole("button", { name: "新增单位" }).click();
  await expect(page.getByRole("heading", { name: "区数据局" })).toBeVisible();
  await page.screenshot({ path: "test-results/unit-page.png", fullPage: true });

  await page.goto("/units?q=数据局");
  await expect(page.getByRole("link", { name: "区数据局" })).toBeVisible();
});

test("a liaison without a unit is refused with a field message", async ({ page }) => {
  await signIn(page, "xialu.bureau");
  await page.goto("/users/new");
  await page.getByLabel("登录账号").fill("new.liaison");
  await page.getByLabel("初始密码").fill("long-enough-1");
  await page.getByLabel("姓名").fill("赵联络");
  await page.getByRole("button", { name: "新增用户" }).click();
  await expect(page.getByText("部门联络员必须指定所属单位")).toBeVisible();
  await expect(page.getByLabel("姓名")).toHaveValue("赵联络");
});
