import { describe, expect, it } from "vitest";
import {
  extensionDecidedMessage,
  isFromPerson,
  lateReportsUrgedMessage,
  measureLabel,
  measureUrgedMessage,
  NOTIFICATION_KINDS,
  parseInboxFilter,
  periodLabel,
  reportApprovedMessage,
  reportReturnedMessage,
  type Message,
} from "@/lib/notifications/messages.ts";

const measure = { id: 42, code: "3.2", text: "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度" };
const short = "3.2 全面推行行政执法公示制度、执法全过程记录制度、…";

describe("message texts name the measure and the period", () => {
  const cases: { name: string; message: Message; kind: string; title: string; body: string[]; link: string }[] = [
    {
      name: "退回",
      message: reportReturnedMessage({ measure, period: "2026年第三季度", comment: "请补充佐证材料" }),
      kind: "RETURNED",
      title: `进展报送被退回:${short}(2026年第三季度)`,
      body: [`举措「${short}」2026年第三季度的进展报送被退回`, "退回意见:请补充佐证材料"],
      link: "/measures/42",
    },
    {
      name: "审核通过",
      message: reportApprovedMessage({ measure, period: "2026年7月" }),
      kind: "APPROVED",
      title: `进展报送已审核通过:${short}(2026年7月)`,
      body: [`举措「${short}」2026年7月的进展报送已审核通过。`],
      link: "/measures/42",
    },
    {
      name: "催办 with the sender's words",
      message: measureUrgedMessage({ measure, period: "2026年第三季度", message: "今天下班前报送" }),
      kind: "URGED",
      title: `催办:${short}(2026年第三季度)`,
      body: [`请抓紧推进举措「${short}」`, "2026年第三季度的进展", "附言:今天下班前报送"],
      link: "/measures/42",
    },
    {
      name: "催办 without words",
      message: measureUrgedMessage({ measure, period: null, deadline: "2026-12-31" }),
      kind: "URGED",
      title: `催办:${short}`,
      body: [`请抓紧推进举措「${short}」(完成时限 2026-12-31)`],
      link: "/measures/42",
    },
    {
      name: "催办 of one late report",
      message: lateReportsUrgedMessage({ items: [{ measure, period: "2026年第二季度", dueDate: "2026-07-10", returned: true }] }),
      kind: "URGED",
      title: `催办:${short}(2026年第二季度)`,
      body: ["1. 3.2 全面推行", "2026年第二季度,应于 2026-07-10 前报送,已被退回待重新报送"],
      link: "/tasks",
    },
    {
      name: "延期批准",
      message: extensionDecidedMessage({ measure, approved: true, oldDeadline: "2026-06-30", newDeadline: "2026-09-30", comment: "同意" }),
      kind: "EXTENSION_DECIDED",
      title: `延期申请已批准:${short}`,
      body: ["完成时限由 2026-06-30 延至 2026-09-30", "审批意见:同意"],
      link: "/measures/42",
    },
    {
      name: "延期驳回",
      message: extensionDecidedMessage({
        measure,
        approved: false,
        oldDeadline: "2026-06-30",
        newDeadline: "2026-09-30",
        comment: "理由不足",
      }),
      kind: "EXTENSION_DECIDED",
      title: `延期申请未获批准:${short}`,
      body: ["完成时限仍为 2026-06-30", "审批意见:理由不足"],
      link: "/measures/42",
    },
  ];
  it.each(cases)("$name", ({ message, kind, title, body, link }) => {
    expect(message.kind).toBe(kind);
    expect(message.title).toBe(title);
    for (const part of body) expect(message.body).toContain(part);
    expect(message.link).toBe(link);
    expect(message.title.length).toBeLessThanOrEqual(200);
  });

  it("links each late report's line to its measure when the id is known", () => {
    const message = lateReportsUrgedMessage({
      items: [
        { measure, period: "2026年第二季度", dueDate: "2026-07-10", returned: false },
        { measure: { ...measure, id: 43, code: "3.3" }, period: "2026年第二季度", dueDate: "2026-07-10", returned: false },
      ],
    });
    expect(message.body.split("\n").slice(1)).toEqual([
      "1. 3.2 全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度(2026年第二季度,应于 2026-07-10 前报送) /measures/42",
      "2. 3.3 全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度(2026年第二季度,应于 2026-07-10 前报送) /measures/43",
    ]);
  });

  it("lists several late reports with their count and periods", () => {
    const items = Array.from({ length: 25 }, (_, i) => ({
      measure: { code: `1.${i + 1}`, text: "某项举措" },
      period: i % 2 ? "2026年第二季度" : "2026年第三季度",
      dueDate: "2026-10-10",
      returned: false,
    }));
    const message = lateReportsUrgedMessage({ items, listed: 20 });
    expect(message.title).toBe("催办:25 项进展报送逾期未报(2026年第三季度、2026年第二季度)");
    expect(message.body.split("\n")).toHaveLength(22);
    expect(message.body).toContain("……共 25 项");
  });
});

describe("helpers", () => {
  it.each([
    ["2026-07-01", "QUARTERLY", "2026年第三季度"],
    ["2026-10-01", "QUARTERLY", "2026年第四季度"],
    ["2026-07-01", "MONTHLY", "2026年7月"],
    ["2026-01-01", "HALF_YEARLY", "2026年上半年"],
    ["2026-01-01", "YEARLY", "2026年度"],
  ] as const)("period starting %s under %s is %s", (start, cadence, label) => {
    expect(periodLabel(new Date(`${start}T00:00:00Z`), cadence)).toBe(label);
    expect(periodLabel(start, cadence)).toBe(label);
  });

  it.each([
    [{ code: "1", text: "短" }, "1 短"],
    [{ code: "2.1", text: "  多个\n空白  " }, "2.1 多个 空白"],
  ])("measure label %#", (m, label) => expect(measureLabel(m)).toBe(label));

  it("only the reminder job's kind is automatic", () => {
    expect(NOTIFICATION_KINDS.filter((k) => !isFromPerson(k))).toEqual(["REMINDER"]);
  });

  it.each([
    ["unread", "unread"],
    ["returned", "returned"],
    ["urged", "urged"],
    ["reminders", "reminders"],
    ["toString", null],
    ["", null],
    [undefined, null],
    [["unread"], null],
  ] as const)("filter %j parses to %j", (value, expected) => expect(parseInboxFilter(value)).toBe(expected));
});
