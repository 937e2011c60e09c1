import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan } from "@/lib/demo/factories.ts";
import { E2E_DATABASE_URL, e2eQuery, signIn } from "./helpers.ts";

// The evidence form promises 20 MB per file: a 15 MB file goes through (the
// proxy and the server action accept the body), a 25 MB one is refused with
// the message before anything is sent, and the typed report stays.

const MB = 1024 * 1024;
let measureId: number;
let tempDir: string;

test.beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-e2e-uploads-"));
  const prisma = createPrisma(E2E_DATABASE_URL);
  try {
    const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
    const justice = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区司法局" } });
    const plan = await createPlan(prisma, { regionId: xialu.id, title: "端到端上传测试方案", reportCadence: "QUARTERLY" });
    const measure = await createMeasure(prisma, {
      planId: plan.id,
      code: "1",
      text: "推进行政执法公示制度全覆盖。",
      deadline: "2030-12-31",
      leadUnitIds: [justice.id],
    });
    measureId = measure.id;
  } finally {
    await prisma.$disconnect();
  }
});

test.afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

/** A valid PDF header padded to `size` bytes, written to the temp folder. */
function paddedPdf(name: string, size: number): string {
  const file = path.join(tempDir, name);
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write(`%PDF-1.4\n%${name}\n`);
  fs.writeFileSync(file, bytes);
  return file;
}

async function openForm(page: Page) {
  await signIn(page, "xialu.liaison");
  await page.goto(`/measures/${measureId}`);
  return page.getByRole("form", { name: /区司法局报送/ });
}

const attachments = () =>
  e2eQuery<{ fileName: string; size: number; contentHash: string }>(
    `SELECT a."fileName", a."size", a."contentHash" FROM "Attachment" a
       JOIN "ProgressReport" r ON r."id" = a."reportId"
       JOIN "Assignment" s ON s."id" = r."assignmentId"
     WHERE s."measureId" = $1 ORDER BY a."id"`,
    [measureId],
  );

test("a 15 MB evidence file is accepted and stored", async ({ page }) => {
  test.setTimeout(120_000);
  const form = await openForm(page);
  await form.getByLabel("进展情况").fill("执法公示平台已上线,附验收报告。");
  await form.getByLabel(/佐证材料/).setInputFiles(paddedPdf("验收报告.pdf", 15 * MB));
  await form.getByRole("button", { name: "保存草稿" }).click();
  // The save answers with a toast (sonner) outside the form.
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "草稿已保存" })).toBeVisible({ timeout: 60_000 });

  const rows = await attachments();
  expect(rows).toMatchObject([{ fileName: "验收报告.pdf", size: 15 * MB }]);
  const hash = rows[0]!.contentHash.trim();
  const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e");
  expect(fs.statSync(path.join(dataDir, "uploads", hash.slice(0, 2), hash.slice(2, 4), hash)).size).toBe(15 * MB);
});

test("a 25 MB evidence file is refused with the message, and the typed text stays", async ({ page }) => {
  const form = await openForm(page);
  const before = await attachments();
  const text = "二季度完成执法人员培训 3 场,附签到表扫描件。";
  await form.getByLabel("进展情况").fill(text);
  await form.getByLabel(/佐证材料/).setInputFiles(paddedPdf("签到表.pdf", 25 * MB));
  await form.getByRole("button", { name: "报送", exact: true }).click();
  await expect(form.getByText(/“签到表\.pdf”:文件不能超过 20 MB/)).toBeVisible();
  await expect(form.getByLabel("进展情况")).toHaveValue(text);
  expect(await attachments()).toEqual(before);
});

test("the plan import keeps its own 10 MB limit and message", async ({ page }) => {
  await signIn(page, "xialu.bureau");
  await page.goto("/plans/import");
  const file = path.join(tempDir, "规划.txt");
  fs.writeFileSync(file, Buffer.alloc(11 * MB, "一"));
  await page.getByLabel(/^文件\(\.txt 或 \.docx/).setInputFiles(file);
  await page.getByRole("button", { name: "识别" }).click();
  await expect(page.getByText(/文件超过 10 MB/).first()).toBeVisible();
});
