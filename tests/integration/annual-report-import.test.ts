import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";
import { createUser } from "@/lib/demo/factories.ts";
import { importAnnualReport } from "@/lib/annual-reports/actions.ts";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import { actAs } from "../support/acting.ts";

const seed003 = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/seeds/003-luodian-report-2020.txt"), "utf8");

let luodian: { id: number };
let baoshanBureau: { id: number };
beforeEach(async () => {
  await seedDemoData(db(), { plans: false });
  const baoshan = await db().region.findUniqueOrThrow({ where: { code: "310113" } });
  luodian = await db().region.findFirstOrThrow({ where: { name: "罗店镇" } });
  baoshanBureau = await createUser(db(), { login: "baoshan.bureau", name: "宝山司法局", role: "BUREAU", regionId: baoshan.id });
});

function reportInput(extra: Record<string, unknown> = {}) {
  const document = parseDocumentText(seed003);
  if (document.kind !== "annualReport") throw new Error("003 should parse as an annual report");
  return {
    regionId: String(luodian.id),
    title: document.report.title,
    year: String(document.report.year),
    sourceText: seed003,
    sections: document.report.sections.map(({ heading, body }) => ({ heading, body })),
    ...extra,
  };
}

describe("importAnnualReport", () => {
  it("keeps 罗店镇's 2020 report as published history, its sections in order; the same import again changes nothing", async () => {
    await actAs(baoshanBureau);
    expect(await importAnnualReport(reportInput())).toMatchObject({ ok: true });
    const first = await db().annualReport.findMany({ include: { sections: { orderBy: { sortOrder: "asc" } } } });
    expect(await importAnnualReport(reportInput())).toMatchObject({ ok: true });
    const reports = await db().annualReport.findMany({ include: { sections: { orderBy: { sortOrder: "asc" } } } });
    expect(reports).toEqual(first);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ year: 2020, regionId: luodian.id, imported: true, status: "PUBLISHED" });
    expect(reports[0]!.sections.map((s) => s.heading).slice(1)).toEqual([
      "推进法治政府建设的主要举措和成效",
      "推进法治政府建设存在的不足和原因",
      "党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况",
      "2021年推进法治政府建设的主要安排",
      "2020年度法治督查整改情况",
    ]);
    expect((await db().auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action)).toEqual(["annualReport.import"]);
  });

  it.each([
    ["another title", (input: ReturnType<typeof reportInput>) => ({ ...input, title: `${input.title}(修订)` })],
    [
      "a changed section",
      (input: ReturnType<typeof reportInput>) => ({
        ...input,
        sections: input.sections.map((s, i) => (i === 1 ? { ...s, body: `${s.body}补充内容。` } : s)),
      }),
    ],
    ["a section fewer", (input: ReturnType<typeof reportInput>) => ({ ...input, sections: input.sections.slice(0, -1) })],
  ])("refuses to overwrite the published import with %s and writes nothing", async (_case, change) => {
    await actAs(baoshanBureau);
    expect(await importAnnualReport(reportInput())).toMatchObject({ ok: true });
    const snapshot = async () => ({
      reports: await db().annualReport.findMany({ include: { sections: { orderBy: { id: "asc" } } } }),
      audit: await db().auditEvent.count(),
    });
    const before = await snapshot();
    expect(await importAnnualReport(change(reportInput()))).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "该年度报告已发布,内容不能覆盖;如需更正,请在报告页创建更正版本。",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("judges the report year by the date in China, not the server's time zone", async () => {
    await actAs(baoshanBureau);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // 2026-01-01 01:00 in Beijing is still 2025 in UTC (and in the server's zone when that is UTC).
      vi.setSystemTime(new Date("2025-12-31T17:00:00Z"));
      expect(await importAnnualReport(reportInput({ year: "2026" }))).toMatchObject({ ok: true });
      // And 2025-12-31 23:00 in Beijing: 2026 is still to come.
      vi.setSystemTime(new Date("2025-12-31T15:00:00Z"));
      const result = await importAnnualReport(reportInput({ year: "2026" }));
      expect(!result.ok && result.fieldErrors?.year).toEqual(["报告年度不能晚于今年"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ["a report year in the future", { year: String(new Date().getFullYear() + 1) }, "year", "报告年度不能晚于今年"],
    ["no sections", { sections: [] }, "sections", "报告没有任何章节"],
    ["an empty title", { title: " " }, "title", "请填写报告标题"],
  ])("refuses %s and writes nothing", async (_case, change, field, message) => {
    await actAs(baoshanBureau);
    const result = await importAnnualReport(reportInput(change));
    expect(!result.ok && result.fieldErrors?.[field]).toEqual([message]);
    expect(await db().annualReport.count()).toBe(0);
  });

  it("is refused outside the actor's scope and to roles that may not import", async () => {
    await actAs(await db().user.findUniqueOrThrow({ where: { login: "xialu.bureau" } }));
    expect(await importAnnualReport(reportInput())).toMatchObject({
      ok: false,
      fieldErrors: { regionId: ["所选区域不存在、不在您的管理范围内或不是区县/乡镇"] },
    });
    await actAs(await db().user.findUniqueOrThrow({ where: { login: "shanghai.leader" } }));
    expect(await importAnnualReport(reportInput())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().annualReport.count()).toBe(0);
    expect(await db().auditEvent.count()).toBe(0);
  });
});
