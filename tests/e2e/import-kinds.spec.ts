import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eQuery, signIn } from "./helpers.ts";

// Issue 13: a news item that mentions 牵头/配合 is not taken for a plan. The
// import says 未识别为规划或年度报告 and why, writes nothing, and reads it as a
// plan only when the user chooses 按规划导入.
const NEWS = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/import/news-item.txt"), "utf8");
const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const shot = (step: string) => path.join(SCREENSHOTS, `import-kinds-${step}-1366.png`);

const imported = async () => (await e2eQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "Plan" WHERE "sourceText" IS NOT NULL`))[0]!.n;

test.describe("import: text that is neither a plan nor a report", () => {
  test("a pasted news item is not recognised, says why, and is read as a plan only by choice", async ({ page }) => {
    test.setTimeout(120_000);
    const before = await imported();
    await signIn(page, "xialu.bureau");
    await page.goto("/plans/import");
    await page.getByLabel("或粘贴文本").fill(NEWS);
    await page.getByRole("button", { name: "识别" }).click();

    const heading = page.getByRole("heading", { name: "未识别为规划或年度报告" });
    const notice = page.getByRole("alert").filter({ has: heading });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("第 1 行:像新闻报道(“近日”“召开”)");
    // The alert is the message only; the choice of kind is a labelled group after it.
    await expect(notice.getByRole("button")).toHaveCount(0);
    const choice = page.getByRole("group", { name: "选择导入方式" });
    await expect(choice.getByRole("button")).toHaveText(["按规划导入", "按年度报告导入"]);
    // Focus moves to the notice, and the next Tab reaches the first choice.
    await expect(heading).toBeFocused();
    await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);
    // The pasted text is still there to correct or to read as chosen.
    await expect(page.getByLabel("或粘贴文本")).toHaveValue(NEWS);
    await page.screenshot({ path: shot("unrecognised"), fullPage: false });
    expect(await imported()).toBe(before);

    await page.keyboard.press("Tab");
    await expect(choice.getByRole("button", { name: "按规划导入" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText("识别出 1 个规划,请核对后导入")).toBeVisible();
    await expect(page.getByLabel("举措 1 的内容")).toHaveValue("全面推行行政执法公示制度,做到执法信息及时公开。");
    await expect(page.getByLabel("举措 3 的内容")).toHaveValue("开展法治政府建设示范创建活动,年内形成一批典型经验。");
    await expect(page.getByRole("button", { name: "确认导入" })).toBeVisible();
    await page.screenshot({ path: shot("as-plan"), fullPage: false });
    expect(await imported()).toBe(before);
  });
});
