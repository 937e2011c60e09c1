import { describe, expect, it } from "vitest";
import { annotation } from "./support.ts";
import { parseDeadline } from "@/lib/import/deadline.ts";
import { reconcileNames } from "@/lib/import/reconcile.ts";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";
import {
  parseAnnotation,
  readDeadline,
  splitTrailingAnnotation,
  startsWithUnitLabel,
  type UnitAnnotation,
} from "@/lib/import/unit-annotation.ts";
import { hadEtcSuffix, isCollectiveDesignation, splitUnitList } from "@/lib/import/unit-list.ts";
import type { ParsedMeasure } from "@/lib/import/types.ts";

// Issue 13: the central style and the labels printed in traditional
// characters. Keywords are read in a simplified shadow of the text; names
// are cut from the text as printed, so they stay traditional.

describe("traditional keywords in unit annotations, names as printed", () => {
  it.each<[string, Partial<UnitAnnotation>]>([
    ["區司法局牽頭,各鄉鎮人民政府按職責分工負責", { lead: ["區司法局"], responsible: ["各鄉鎮人民政府"] }],
    ["區司法局牽頭負責", { lead: ["區司法局"] }],
    [
      "區司法局牽頭,區發展改革委、各鄉鎮人民政府按職責分工分別負責",
      { lead: ["區司法局"], responsible: ["區發展改革委", "各鄉鎮人民政府"] },
    ],
    [
      "牽頭單位:區司法局;責任單位:區財政局、區民政局;完成時限:長期堅持",
      { lead: ["區司法局"], responsible: ["區財政局", "區民政局"], deadlineText: "長期堅持" },
    ],
    ["牵头单位:區司法局;责任单位:區財政局", { lead: ["區司法局"], responsible: ["區財政局"] }],
    ["責任單位:區司法局、區財政局牽頭,區民政局負責", { lead: ["區司法局", "區財政局"], responsible: ["區民政局"] }],
    ["責任單位:區財政局、區商務局等部門", { responsible: ["區財政局", "區商務局"], incomplete: true }],
    ["區司法局牽頭,2022年年底前完成", { lead: ["區司法局"], deadlineText: "2022年年底前完成" }],
  ])("%s", (text, fields) => {
    expect(parseAnnotation(text)).toEqual(annotation(fields));
  });

  it("splits a traditional trailing annotation off the text as printed", () => {
    expect(splitTrailingAnnotation("加強憲法宣傳教育。(區司法局牽頭,各部門配合)")).toEqual({
      text: "加強憲法宣傳教育。",
      annotation: annotation({ lead: ["區司法局"], responsible: ["各部門"] }),
    });
  });

  it.each([
    ["責任單位:區司法局", true],
    ["牽頭單位:區司法局", true],
    ["完成時限:2022年", true],
    ["區司法局牽頭", false],
  ] as const)("%s starts with a label: %s", (text, expected) => {
    expect(startsWithUnitLabel(text)).toBe(expected);
  });

  it("lists and collective names read 等 and 各 in traditional too", () => {
    expect(splitUnitList("區財政局、區商務局等部門")).toEqual(["區財政局", "區商務局"]);
    expect(hadEtcSuffix("區財政局等單位")).toBe(true);
    expect(isCollectiveDesignation("區直有關部門")).toBe(true);
    expect(isCollectiveDesignation("區政府有關部門")).toBe(true);
  });
});

describe("traditional deadlines", () => {
  it.each<[string, { date: string | null; ongoing: boolean }]>([
    ["長期堅持", { date: null, ongoing: true }],
    ["持續推進", { date: null, ongoing: true }],
    ["2022年年底前", { date: "2022-12-31", ongoing: false }],
    ["2023年6月底前", { date: "2023-06-30", ongoing: false }],
  ])("%s", (text, expected) => {
    expect(readDeadline(text)).toEqual({ text, ...expected });
  });
});

describe("a plan printed in traditional characters", () => {
  const { plans, warnings } = parsePlans(
    normaliseLines(`某區2022年法治政府建設工作要點
一、健全依法行政制度體系
1.完善規範性文件合法性審核機制,提高審核質量。
牽頭單位:區司法局
責任單位:區政府辦、區發展改革委
完成時限:2022年年底前
2.推進行政執法「三項制度」全覆蓋。
牽頭單位:區司法局
責任單位:各鄉鎮人民政府按職責分工分別負責
完成時限:長期堅持
二、加強法治宣傳教育
3.深入開展憲法宣傳教育活動。(區委宣傳部、區司法局牽頭,區教育局配合)
4.落實「誰執法誰普法」普法責任制。
責任單位:區財政局、區商務局牽頭,各部門負責
完成時限:2023年6月底前
`),
  );
  const brief = (m: ParsedMeasure) => ({
    code: m.code,
    text: m.text,
    lead: m.leadUnits,
    responsible: m.responsibleUnits,
    deadline: m.deadline && { text: m.deadline.text, date: m.deadline.date, ongoing: m.deadline.ongoing },
  });

  it("reads the title, chapters and measures", () => {
    expect(plans).toHaveLength(1);
    expect(plans[0]!).toMatchObject({ title: "某區2022年法治政府建設工作要點", kind: "WORK_POINTS", periodStart: 2022, periodEnd: 2022 });
    expect(plans[0]!.sections.map((s) => `${s.label}${s.title}`)).toEqual(["一、健全依法行政制度體系", "二、加強法治宣傳教育"]);
  });

  it("keeps names as printed, reads roles and deadlines from traditional keywords", () => {
    expect(plans[0]!.measures.map(brief)).toEqual([
      {
        code: "1",
        text: "完善規範性文件合法性審核機制,提高審核質量。",
        lead: ["區司法局"],
        responsible: ["區政府辦", "區發展改革委"],
        deadline: { text: "2022年年底前", date: "2022-12-31", ongoing: false },
      },
      {
        code: "2",
        text: "推進行政執法「三項制度」全覆蓋。",
        lead: ["區司法局"],
        responsible: ["各鄉鎮人民政府"],
        deadline: { text: "長期堅持", date: null, ongoing: true },
      },
      {
        code: "3",
        text: "深入開展憲法宣傳教育活動。",
        lead: ["區委宣傳部", "區司法局"],
        responsible: ["區教育局"],
        deadline: null,
      },
      {
        code: "4",
        text: "落實「誰執法誰普法」普法責任制。",
        lead: ["區財政局", "區商務局"],
        responsible: ["各部門"],
        deadline: { text: "2023年6月底前", date: "2023-06-30", ongoing: false },
      },
    ]);
    expect(warnings).toEqual([]);
  });
});

describe("a division-of-labour table printed in traditional characters", () => {
  const { plans, warnings } = parsePlans(
    normaliseLines(`某區法治政府建設重點任務分工方案
序號
重點任務
牽頭單位
責任單位
完成時限
1
完善規範性文件合法性審核機制
區司法局
區政府辦、區發展改革委
2022年年底前
2
推進行政執法公示制度
區司法局
各鄉鎮人民政府
長期堅持
`),
  );

  it("reads the traditional header cells and keeps the cells as printed", () => {
    expect(plans).toHaveLength(1);
    expect(plans[0]!.title).toBe("某區法治政府建設重點任務分工方案");
    expect(plans[0]!.kind).toBe("DIVISION_OF_LABOUR");
    expect(
      plans[0]!.measures.map((m) => ({
        code: m.code,
        text: m.text,
        lead: m.leadUnits,
        responsible: m.responsibleUnits,
        deadline: m.deadline,
      })),
    ).toEqual([
      {
        code: "1",
        text: "完善規範性文件合法性審核機制",
        lead: ["區司法局"],
        responsible: ["區政府辦", "區發展改革委"],
        deadline: { text: "2022年年底前", date: "2022-12-31", ongoing: false },
      },
      {
        code: "2",
        text: "推進行政執法公示制度",
        lead: ["區司法局"],
        responsible: ["各鄉鎮人民政府"],
        deadline: { text: "長期堅持", date: null, ongoing: true },
      },
    ]);
    expect(warnings).toEqual([]);
  });
});

describe("a traditional plan behind its covering notice", () => {
  it("takes the title from 關於印發《…》 as printed", () => {
    const { plans } = parsePlans(
      normaliseLines(`某區人民政府辦公室關於印發《某區法治政府建設實施方案(2021-2025年)》的通知
各鄉鎮人民政府,區政府各部門:
現將方案印發給你們,請認真貫徹落實。
1.完善重大行政決策程序。(區司法局牽頭)
`),
    );
    expect(plans.map((p) => ({ title: p.title, kind: p.kind, periodStart: p.periodStart, periodEnd: p.periodEnd }))).toEqual([
      { title: "某區法治政府建設實施方案(2021-2025年)", kind: "IMPLEMENTATION_PLAN", periodStart: 2021, periodEnd: 2025 },
    ]);
  });
});

describe("parseDeadline reads a 完成时限 printed in traditional characters", () => {
  it.each([
    ["長期堅持", { text: "長期堅持", date: null, ongoing: true }],
    ["2023年6月底前", { text: "2023年6月底前", date: "2023-06-30", ongoing: false }],
    ["2022年年底前完成並長期堅持", { text: "2022年年底前完成並長期堅持", date: "2022-12-31", ongoing: false }],
  ])("%s", (printed, deadline) => {
    expect(parseDeadline(printed)).toEqual(deadline);
  });
});

describe("reconcileNames names what it would create in simplified characters", () => {
  const catalogue = { units: [{ id: 1, name: "区司法局", aliases: [] }], groups: [] };
  it.each([
    ["區檔案館", { name: "區檔案館", status: "unknown", simplified: "区档案馆" }],
    ["各鎮鄉街道", { name: "各鎮鄉街道", status: "newGroup", simplified: "各镇乡街道" }],
    ["区档案馆", { name: "区档案馆", status: "unknown" }],
    // 乾 is simplified as printed in 乾县: not renamed to 干县.
    ["乾县档案馆", { name: "乾县档案馆", status: "unknown" }],
    ["各镇乡街道", { name: "各镇乡街道", status: "newGroup" }],
  ])("%s", (name, reconciliation) => {
    expect(reconcileNames([name], catalogue)).toEqual([reconciliation]);
  });
});
