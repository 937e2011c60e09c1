import { describe, expect, it } from "vitest";
import { arrivalsDigestMessage, dayLabel, monthLabel, reminderDigestMessage } from "@/lib/notifications/messages.ts";

const m = (id: number, code: string, text = `举措 ${code}`) => ({ id, code, text });

describe("reminderDigestMessage", () => {
  it.each([
    [
      "reports owed",
      { kind: "REPORT_LATE", unitId: 1, cadence: "QUARTERLY", start: "2026-07-01", end: "2026-09-30" } as const,
      "2026年第三季度尚有 2 项进展未报送",
      "贵单位以下 2 项举措2026年第三季度的进展尚未报送(或被退回待重新报送),请尽快报送:",
      "2026年第三季度进展已全部报送",
    ],
    [
      "due soon",
      { kind: "DUE_SOON", unitId: 1, month: "2026-12" } as const,
      "2026年12月临期提醒:2 项举措 30 天内到期",
      "贵单位以下 2 项举措将在 30 天内到期,请抓紧推进,并及时报送进展:",
      "2026年12月临期提醒:已无 30 天内到期的未完成举措",
    ],
    [
      "overdue",
      { kind: "OVERDUE", unitId: 1, month: "2026-01" } as const,
      "2026年1月逾期提醒:2 项举措已超过完成时限",
      "贵单位以下 2 项举措已超过完成时限仍未完成,请尽快报送进展;确需延期的,请提出延期申请:",
      "2026年1月逾期提醒:逾期举措已全部完成或延期",
    ],
  ])("%s: names the period and count, lists the measures with links, and says when resolved", (_case, key, title, intro, resolvedTitle) => {
    const message = reminderDigestMessage({ key, items: [{ measure: m(7, "3.2") }, { measure: m(9, "12"), note: "已被退回,待重新报送" }] });
    expect(message).toEqual({
      kind: "REMINDER",
      title,
      body: [intro, "1. 3.2 举措 3.2", "2. 12 举措 12(已被退回,待重新报送)"].join("\n"),
      link: "/tasks",
      items: [
        { href: "/measures/7", label: "3.2 举措 3.2", note: null },
        { href: "/measures/9", label: "12 举措 12", note: "已被退回,待重新报送" },
      ],
      total: 2,
      resolved: false,
    });
    const resolved = reminderDigestMessage({ key, items: [] });
    expect(resolved).toMatchObject({ title: resolvedTitle, items: [], total: 0, resolved: true });
  });

  it("counts all but lists only the first ones", () => {
    const key = { kind: "REPORT_LATE", unitId: 1, cadence: "MONTHLY", start: "2026-11-01", end: "2026-11-30" } as const;
    const message = reminderDigestMessage({
      key,
      items: [{ measure: m(1, "1") }, { measure: m(2, "2") }, { measure: m(3, "3") }],
      total: 12,
      listed: 2,
    });
    expect(message.title).toBe("2026年11月尚有 12 项进展未报送");
    expect(message.body.split("\n").slice(1)).toEqual(["1. 1 举措 1", "2. 2 举措 2", "……共 12 项"]);
    expect(message.items).toHaveLength(3);
  });
});

describe("arrivalsDigestMessage", () => {
  const reports = [
    { measure: m(1, "1"), unit: "区发改局", period: "2026年第三季度" },
    { measure: m(2, "2"), unit: "区司法局", period: "2026年第三季度" },
  ];
  const extensions = [{ measure: m(3, "3"), unit: "区教育局" }];
  it.each([
    ["today, both kinds", "2026-12-06", reports, extensions, "今日收到 2 份进展报送、1 项延期申请"],
    ["an earlier day", "2026-12-05", reports, extensions, "12月5日收到 2 份进展报送、1 项延期申请"],
    ["reports only", "2026-12-06", reports, [], "今日收到 2 份进展报送"],
    ["extensions only", "2026-12-06", [], extensions, "今日收到 1 项延期申请"],
    ["nothing", "2026-12-06", [], [], "今日未收到进展报送或延期申请"],
  ])("%s", (_case, day, r, e, title) => {
    const message = arrivalsDigestMessage({ day, today: "2026-12-06", reports: r, extensions: e });
    expect(message).toMatchObject({ kind: "REMINDER", title, link: "/reviews", total: r.length + e.length, resolved: false });
    expect(message.items.map((i) => i.href)).toEqual([...r, ...e].map((x) => `/measures/${x.measure.id}`));
  });

  it("counts every arrival of the day, not only those listed", () => {
    const message = arrivalsDigestMessage({ day: "2026-12-06", today: "2026-12-06", reports, extensions: [], reportTotal: 130, listed: 2 });
    expect(message.title).toBe("今日收到 130 份进展报送");
    expect(message.total).toBe(130);
    expect(message.body.split("\n").at(-1)).toBe("……共 130 项");
  });

  it("lists each report with its unit and period, each extension with its unit", () => {
    expect(arrivalsDigestMessage({ day: "2026-12-06", today: "2026-12-06", reports, extensions }).body).toBe(
      [
        "进展报送(待审核的请到「审核」处理):",
        "1. 1 举措 1(区发改局,2026年第三季度)",
        "2. 2 举措 2(区司法局,2026年第三季度)",
        "延期申请:",
        "1. 3 举措 3(区教育局 申请延期)",
      ].join("\n"),
    );
  });
});

describe("labels", () => {
  it.each([
    ["2026-12", "2026年12月"],
    ["2027-01", "2027年1月"],
  ])("monthLabel(%s)", (month, label) => expect(monthLabel(month)).toBe(label));
  it.each([
    ["2026-12-05", "12月5日"],
    ["2027-01-10", "1月10日"],
  ])("dayLabel(%s)", (day, label) => expect(dayLabel(day)).toBe(label));
});
