import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { LEDGER_MESSAGES, chapterPath, ledgerSheetName, type LedgerPlan, type LedgerRow } from "@/lib/plans/ledger/layout.ts";
import { readLedgerWorkbook } from "@/lib/plans/ledger/read.ts";
import { buildLedgerWorkbook } from "@/lib/plans/ledger/write.ts";
import { importedPlanSchema } from "@/lib/plans/schema.ts";

const plan: LedgerPlan = {
  title: "某某区贯彻落实《法治政府建设实施纲要(2021—2025年)》实施方案",
  kind: "IMPLEMENTATION_PLAN",
  periodStart: 2021,
  periodEnd: 2025,
  issuer: "区委全面依法治区委员会办公室",
  documentNumber: "某法办发〔2021〕3号",
  issueDate: "2021-05-10",
  sections: [
    { key: "s1", parentKey: null, label: "一、", title: "全面贯彻实施宪法" },
    { key: "s2", parentKey: "s1", label: "(一)", title: "加强宪法实施和监督" },
    { key: "s3", parentKey: null, label: "二、", title: "深入推进依法行政" },
  ],
  measures: [
    {
      code: "1",
      text: "建立宪法宣誓制度,组织新任命的国家工作人员进行宪法宣誓。",
      sectionKey: "s2",
      leadUnits: ["区人大常委会办公室"],
      responsibleUnits: ["区直各部门"],
      deadlineText: "2025年底前",
    },
    {
      code: "2",
      text: "开展“宪法宣传周”活动。",
      sectionKey: "s2",
      leadUnits: ["区委宣传部", "区司法局"],
      responsibleUnits: ["各镇街"],
      deadlineText: "长期坚持",
    },
    {
      code: "3",
      text: "健全规范性文件备案审查制度。",
      sectionKey: "s1",
      leadUnits: ["区政府办"],
      responsibleUnits: [],
      deadlineText: null,
    },
    {
      code: "1",
      text: "全面推行行政执法“三项制度”。",
      sectionKey: "s3",
      leadUnits: ["区司法局"],
      responsibleUnits: ["区公安分局", "区市场监管局"],
      deadlineText: "2024年6月",
    },
    {
      code: "1.10",
      text: "深化“放管服”改革。",
      sectionKey: "s3",
      leadUnits: ["区政务服务局"],
      responsibleUnits: ["区直各部门", "各镇街"],
      deadlineText: "2023年",
    },
  ],
};

function rowsOf(p: LedgerPlan, extra: (index: number) => Partial<LedgerRow> = () => ({})): LedgerRow[] {
  return p.measures.map((m, i) => ({
    code: m.code,
    chapter: chapterPath(p.sections, m.sectionKey),
    text: m.text,
    leadUnits: m.leadUnits,
    responsibleUnits: m.responsibleUnits,
    deadlineText: m.deadlineText,
    ...extra(i),
  }));
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** A hand-made workbook: one sheet, rows as given (null = empty cell), merges as ranges. */
async function handMade(rows: (string | number | Date | null)[][], merges: string[] = [], name = "Sheet1"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  rows.forEach((values, i) => {
    values.forEach((value, j) => {
      if (value !== null) sheet.getCell(i + 1, j + 1).value = value;
    });
  });
  for (const range of merges) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("chapterPath and ledgerSheetName", () => {
  it("prints the label+title path of a section", () => {
    expect(chapterPath(plan.sections, "s2")).toBe("一、全面贯彻实施宪法 / (一)加强宪法实施和监督");
    expect(chapterPath(plan.sections, "s3")).toBe("二、深入推进依法行政");
    expect(chapterPath(plan.sections, null)).toBe("");
  });

  it("makes a valid worksheet name", () => {
    expect(ledgerSheetName("a[b]:c*d?e/f\\g")).toBe("a_b__c_d_e_f_g");
    expect(Array.from(ledgerSheetName(plan.title))).toHaveLength(31);
    expect(ledgerSheetName("  ")).toBe("分工台账");
    expect(ledgerSheetName("章节")).toBe("分工台账");
  });
});

describe("buildLedgerWorkbook", () => {
  it("lays out a printable ledger with a hidden section sheet", async () => {
    const workbook = await load(await buildLedgerWorkbook(plan, rowsOf(plan)));
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      [ledgerSheetName(plan.title), "visible"],
      ["章节", "hidden"],
    ]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe(plan.title);
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("F1").isMerged).toBe(true);
    expect(sheet.getCell("G1").isMerged).toBe(false);
    expect(sheet.getCell("A2").value).toBe(
      "文号:某法办发〔2021〕3号;发文机关:区委全面依法治区委员会办公室;印发日期:2021年5月10日;期限:2021—2025年;类型:实施方案",
    );
    expect(sheet.getRow(3).values).toEqual([undefined, "序号", "章节", "举措", "牵头单位", "责任单位", "完成时限"]);
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      1,
      "一、全面贯彻实施宪法 / (一)加强宪法实施和监督",
      plan.measures[0]!.text,
      "区人大常委会办公室",
      "区直各部门",
      "2025年底前",
    ]);
    expect(sheet.getCell("A8").value).toBe("1.10");
    expect(sheet.getCell("C3").fill).toMatchObject({ type: "pattern", pattern: "solid" });
    expect(sheet.getCell("C5").border?.left?.style).toBe("thin");
    expect(sheet.getCell("C5").alignment?.wrapText).toBe(true);
    expect(sheet.getColumn(3).width).toBeGreaterThan(sheet.getColumn(4).width!);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1 });
    expect(sheet.pageSetup.printTitlesRow).toBe("3:3");
  });

  it("adds 状态 and 最新进展 only when a row has them", async () => {
    const rows = rowsOf(plan, (i) => (i === 1 ? { status: "进行中", latestProgress: "已开展宣传活动 3 场" } : {}));
    const sheet = (await load(await buildLedgerWorkbook(plan, rows))).worksheets[0]!;
    expect(sheet.getRow(3).values).toEqual([undefined, "序号", "章节", "举措", "牵头单位", "责任单位", "完成时限", "状态", "最新进展"]);
    expect(sheet.getCell("G5").value).toBe("进行中");
    expect(sheet.getCell("H5").value).toBe("已开展宣传活动 3 场");
    expect(sheet.getCell("H1").isMerged).toBe(true);
  });
});

describe("readLedgerWorkbook", () => {
  it("reads back what buildLedgerWorkbook wrote", async () => {
    const rows = rowsOf(plan, (i) => (i === 0 ? { status: "已完成", latestProgress: "已建立" } : {}));
    const { plan: read, errors } = await readLedgerWorkbook(await buildLedgerWorkbook(plan, rows));
    expect(errors).toEqual([]);
    expect(read).toEqual(plan);
    expect(importedPlanSchema.safeParse(read).success).toBe(true);
  });

  it("round-trips a plan without metadata or sections", async () => {
    const bare: LedgerPlan = {
      ...plan,
      title: "章节",
      kind: "WORK_POINTS",
      periodStart: 2024,
      periodEnd: 2024,
      issuer: null,
      documentNumber: null,
      issueDate: null,
      sections: [],
      measures: plan.measures.slice(0, 2).map((m) => ({ ...m, sectionKey: null })),
    };
    const { plan: read, errors } = await readLedgerWorkbook(await buildLedgerWorkbook(bare, rowsOf(bare)));
    expect(errors).toEqual([]);
    expect(read).toEqual(bare);
  });

  it("reads a hand-made sheet: columns in another order, heading rows, merges, blank rows", async () => {
    const bytes = await handMade(
      [
        ["附件1"],
        ["某某区2024年法治政府建设工作要点"],
        [null, null, null, null, null],
        ["完成时限", "具体项目", " 责任 单位 ", "牵头部门", "序号"],
        ["一、加强党的领导", null, null, null, null],
        [2024, "调整充实法治政府建设领导小组。", "各镇街\uFF0C区直各部门", "区司法局", 1],
        [null, null, null, null, null],
        ["长期坚持", "落实党政主要负责人履行推进法治建设第一责任人职责。", null, "区委办\n区政府办", "2."],
        ["\uFF08一\uFF09完善依法行政制度体系", null, null, null, null],
        ["2024年6月底前", "开展规范性文件清理。", "区直有关部门", "区司法局", null],
        ["2024年9月", "建立行政规范性文件合法性审核机制。", null, null, null],
        ["二、严格规范公正文明执法", null, null, null, null],
        [new Date(Date.UTC(2024, 11, 31)), "推行行政执法“三项制度”。", "区城管执法局", "区司法局", "1"],
      ],
      ["A5:E5", "A9:E9", "D10:D11", "A12:E12"],
    );
    const { plan: read, errors } = await readLedgerWorkbook(bytes);
    expect(errors).toEqual([]);
    expect(read).toMatchObject({
      title: "某某区2024年法治政府建设工作要点",
      kind: "WORK_POINTS",
      periodStart: 2024,
      periodEnd: 2024,
      issuer: null,
      documentNumber: null,
      issueDate: null,
    });
    expect(read.sections).toEqual([
      { key: "s1", parentKey: null, label: "一、", title: "加强党的领导" },
      { key: "s2", parentKey: "s1", label: "(一)", title: "完善依法行政制度体系" },
      { key: "s3", parentKey: null, label: "二、", title: "严格规范公正文明执法" },
    ]);
    expect(read.measures).toEqual([
      {
        code: "1",
        text: "调整充实法治政府建设领导小组。",
        sectionKey: "s1",
        leadUnits: ["区司法局"],
        responsibleUnits: ["各镇街", "区直各部门"],
        deadlineText: "2024",
      },
      {
        code: "2",
        text: "落实党政主要负责人履行推进法治建设第一责任人职责。",
        sectionKey: "s1",
        leadUnits: ["区委办", "区政府办"],
        responsibleUnits: [],
        deadlineText: "长期坚持",
      },
      // No 序号: numbered within the chapter; the merged 牵头单位 applies to both rows.
      {
        code: "1",
        text: "开展规范性文件清理。",
        sectionKey: "s2",
        leadUnits: ["区司法局"],
        responsibleUnits: ["区直有关部门"],
        deadlineText: "2024年6月底前",
      },
      {
        code: "2",
        text: "建立行政规范性文件合法性审核机制。",
        sectionKey: "s2",
        leadUnits: ["区司法局"],
        responsibleUnits: [],
        deadlineText: "2024年9月",
      },
      {
        code: "1",
        text: "推行行政执法“三项制度”。",
        sectionKey: "s3",
        leadUnits: ["区司法局"],
        responsibleUnits: ["区城管执法局"],
        deadlineText: "2024年12月31日",
      },
    ]);
    expect(importedPlanSchema.safeParse(read).success).toBe(true);
  });

  it("builds chapters from distinct 章节 values, and takes the title from the sheet name", async () => {
    const bytes = await handMade(
      [
        ["举措", "章节", "牵头单位"],
        ["任务甲", "一、宪法实施 / (一)宪法宣传", "区司法局"],
        ["任务乙", "一、宪法实施 / (一)宪法宣传", "区委宣传部"],
        ["任务丙", "法治社会", "区民政局"],
        ["任务丁", "一、宪法实施", "区人大办"],
      ],
      [],
      "2023年法治社会建设任务清单",
    );
    const { plan: read, errors } = await readLedgerWorkbook(bytes);
    expect(errors).toEqual([]);
    expect(read.title).toBe("2023年法治社会建设任务清单");
    expect(read.kind).toBe("DIVISION_OF_LABOUR");
    expect(read.sections).toEqual([
      { key: "s1", parentKey: null, label: "一、", title: "宪法实施" },
      { key: "s2", parentKey: "s1", label: "(一)", title: "宪法宣传" },
      // Unnumbered: the text is the label, so sections stay apart on re-import.
      { key: "s3", parentKey: null, label: "法治社会", title: "" },
    ]);
    expect(read.measures.map((m) => [m.code, m.sectionKey])).toEqual([
      ["1", "s2"],
      ["2", "s2"],
      ["1", "s3"],
      ["1", "s1"],
    ]);
  });

  it("takes a Chinese 序号 with a title as a heading and skips rows holding only a 序号", async () => {
    const bytes = await handMade([
      ["序号", "主要任务", "牵头单位"],
      ["一", "加强党的领导", null],
      [1, "任务甲", "区司法局"],
      [2, null, null],
      ["二", "法治社会", null],
      [1, "任务乙", "区民政局"],
    ]);
    const { plan: read, errors } = await readLedgerWorkbook(bytes);
    expect(errors).toEqual([]);
    expect(read.sections.map((s) => `${s.label}${s.title}`)).toEqual(["一、加强党的领导", "二、法治社会"]);
    expect(read.measures.map((m) => [m.code, m.text, m.sectionKey])).toEqual([
      ["1", "任务甲", "s1"],
      ["1", "任务乙", "s2"],
    ]);
  });

  it("reports each bad row with its Excel row number", async () => {
    const long = "字".repeat(5001);
    const bytes = await handMade([
      ["区司法局分工台账"],
      ["序号", "章节", "举措", "牵头单位", "责任单位", "完成时限"],
      [1, "一、甲", "任务一", "区司法局", null, "2024年底前"],
      [2, "一、甲", null, "区财政局", "区审计局", null],
      [1, "一、甲", "任务三", "区司法局", null, null],
      [1, "二、乙", "同号但不同章节", "区司法局", null, null],
      [null, null, null, null, null, null],
      [3, "一、甲", "任务五", "区司法局", null, "视情况而定"],
      [4, "一、甲", long, "区司法局", null, null],
      [5, "一、甲", "任务七", `区${"很".repeat(100)}局`, null, null],
      [6, "一、甲", null, null, null, "2024年底前"],
    ]);
    const { plan: read, errors } = await readLedgerWorkbook(bytes);
    expect(errors).toEqual([
      { row: 4, message: "填写了单位但没有举措内容" },
      { row: 5, message: "序号“1”在章节“一、甲”中重复(与第 3 行相同)" },
      { row: 8, message: "完成时限“视情况而定”无法识别,请写成“2025年底前”“2024年6月”或“长期坚持”等形式" },
      { row: 9, message: "举措内容不能超过 5000 个字(现有 5001 个字)" },
      { row: 10, message: `牵头单位“区${"很".repeat(19)}…”不能超过 100 个字` },
      { row: 11, message: "没有举措内容" },
    ]);
    // What was read is still returned; the caller refuses the whole import.
    expect(read.title).toBe("区司法局分工台账");
    expect(read.measures.map((m) => m.text.slice(0, 7))).toEqual([
      "任务一",
      "任务三",
      "同号但不同章节",
      "任务五",
      "字字字字字字字",
      "任务七",
    ]);
  });

  it("refuses a sheet without a recognisable header in its first 10 rows", async () => {
    const noLead = await handMade([
      ["序号", "举措", "责任单位"],
      [1, "任务", "区司法局"],
    ]);
    expect((await readLedgerWorkbook(noLead)).errors).toEqual([{ row: 0, message: LEDGER_MESSAGES.noHeader }]);
    expect(LEDGER_MESSAGES.noHeader).toBe("未找到表头:需要“举措”和“牵头单位”两列");

    const tooLow = await handMade([...Array.from({ length: 10 }, () => ["说明"]), ["举措", "牵头单位"], ["任务", "区司法局"]]);
    expect((await readLedgerWorkbook(tooLow)).errors).toEqual([{ row: 0, message: LEDGER_MESSAGES.noHeader }]);
  });

  it("says the schema's own complaint when nothing else is wrong", async () => {
    const headerOnly = await handMade([["主要任务", "牵头单位"]]);
    expect((await readLedgerWorkbook(headerOnly)).errors).toEqual([{ row: 0, message: "该规划没有任何举措" }]);
  });

  it("turns files that are not xlsx into a clear error", async () => {
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(0), LEDGER_MESSAGES.notXlsx],
      [strToU8("序号,举措,牵头单位\n1,任务,区司法局\n"), LEDGER_MESSAGES.notXlsx],
      [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), LEDGER_MESSAGES.xls],
      [zipSync({ "readme.txt": strToU8("hello") }), LEDGER_MESSAGES.zipNotXlsx],
      [zipSync({ "[Content_Types].xml": strToU8("<x/>"), "word/document.xml": strToU8("<x/>") }), LEDGER_MESSAGES.docx],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), LEDGER_MESSAGES.corrupt],
      [zipSync({ "[Content_Types].xml": strToU8("not xml"), "xl/workbook.xml": strToU8("<oops") }), LEDGER_MESSAGES.corrupt],
    ];
    for (const [bytes, message] of cases) {
      const result = await readLedgerWorkbook(bytes);
      expect(result.errors, message).toEqual([{ row: 0, message }]);
      expect(result.plan.measures).toEqual([]);
    }
  });
});
