import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { seedDemoData } from "@/lib/db/seed.ts";
import { createUser } from "@/lib/db/factories.ts";
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
  it("keeps 罗店镇's 2020 report as published history, its sections in order; a re-import replaces it", async () => {
    await actAs(baoshanBureau);
    expect(await importAnnualReport(reportInput())).toMatchObject({ ok: true });
    expect(await importAnnualReport(reportInput())).toMatchObject({ ok: true });
    const reports = await db().annualReport.findMany({ include: { sections: { orderBy: { sortOrder: "asc" } } } });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ year: 2020, regionId: luodian.id, imported: true, status: "PUBLISHED" });
    expect(reports[0]!.sections.map((s) => s.heading).slice(1)).toEqual([
      "推进法治政府建设的主要举措和成效",
      "推进法治政府建设存在的不足和原因",
      "党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况",
      "2021年推进法治政府建设的主要安排",
      "2020年度法治督查整改情况",
    ]);
    expect((await db().auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action)).toEqual([
      "annualReport.import",
      "annualReport.reimport",
    ]);
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
