import { periodContaining, type ReportCadence } from "@/lib/reporting/periods.ts";
import type { DigestKey } from "@/lib/notifications/digest-key.ts";
import { isoDate } from "@/lib/dates.ts";

// The texts of the inbox messages people cause (退回, 审核结果, 催办, 延期决定),
// built in one place so that every one names the measure (its code and a short
// form of its text) and, where there is one, the period, and links to the
// measure page. Pure: the actions pass in what they already loaded.

/** Who or what a notification comes from; mirrors the NotificationKind enum. */
export const NOTIFICATION_KINDS = [
  "RETURNED",
  "APPROVED",
  "URGED",
  "EXTENSION_REQUESTED",
  "EXTENSION_DECIDED",
  "RECTIFICATION",
  "REMINDER",
  "CIRCULAR",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds written by the scheduled reminder job; every other kind follows a person's action. */
export const AUTOMATIC_KINDS = ["REMINDER"] as const satisfies readonly NotificationKind[];
export const PERSON_KINDS = NOTIFICATION_KINDS.filter((k) => !(AUTOMATIC_KINDS as readonly string[]).includes(k));

export function isFromPerson(kind: NotificationKind): boolean {
  return !(AUTOMATIC_KINDS as readonly string[]).includes(kind);
}

/** The inbox filters (?filter=…): key in the URL, label, and which messages they keep. */
export const INBOX_FILTERS = {
  unread: { label: "未读" },
  returned: { label: "退回", kinds: ["RETURNED"] },
  urged: { label: "催办", kinds: ["URGED"] },
  reminders: { label: "提醒", kinds: AUTOMATIC_KINDS },
} as const satisfies Record<string, { label: string; kinds?: readonly NotificationKind[] }>;
export type InboxFilter = keyof typeof INBOX_FILTERS;

export function parseInboxFilter(value: unknown): InboxFilter | null {
  return typeof value === "string" && Object.hasOwn(INBOX_FILTERS, value) ? (value as InboxFilter) : null;
}

export type MeasureRef = { id: number; code: string; text: string };
export type Message = { kind: NotificationKind; title: string; body: string; link: string };

const SHORT = 24;

/** Whitespace collapsed, at most `max` characters, with an ellipsis when cut. */
export function clipText(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

/** "3.2 建立健全行政执法…": the code and a short form of the text. */
export function measureLabel(measure: Pick<MeasureRef, "code" | "text">, max = SHORT): string {
  return `${measure.code} ${clipText(measure.text, max)}`;
}

export const measureLink = (measure: Pick<MeasureRef, "id">) => `/measures/${measure.id}`;

/** "2026年第三季度" for a report's period start under the plan's cadence. */
export function periodLabel(periodStart: Date | string, cadence: ReportCadence, dueDay?: number): string {
  const iso = typeof periodStart === "string" ? periodStart : isoDate(periodStart);
  return periodContaining(iso, cadence, dueDay).label;
}

const inPeriod = (period: string | null | undefined) => (period ? `${period}的` : "");

/** A report returned to its unit, with the reviewer's comment. */
export function reportReturnedMessage(input: { measure: MeasureRef; period: string; comment: string }): Message {
  const name = measureLabel(input.measure);
  return {
    kind: "RETURNED",
    title: clipText(`进展报送被退回:${name}(${input.period})`, 200),
    body: `举措「${name}」${input.period}的进展报送被退回,请修改后重新报送。\n退回意见:${input.comment}`,
    link: measureLink(input.measure),
  };
}

/** A report approved (审核结果). */
export function reportApprovedMessage(input: { measure: MeasureRef; period: string; comment?: string | null }): Message {
  const name = measureLabel(input.measure);
  return {
    kind: "APPROVED",
    title: clipText(`进展报送已审核通过:${name}(${input.period})`, 200),
    body: [`举措「${name}」${input.period}的进展报送已审核通过。`, input.comment ? `审核意见:${input.comment}` : null]
      .filter(Boolean)
      .join("\n"),
    link: measureLink(input.measure),
  };
}

/** 催办 about one measure by bureau staff; `message` is the sender's own words, if any. */
export function measureUrgedMessage(input: {
  measure: MeasureRef;
  period?: string | null;
  deadline?: string | null;
  message?: string | null;
}): Message {
  const name = measureLabel(input.measure);
  const deadline = input.deadline ? `(完成时限 ${input.deadline})` : "";
  return {
    kind: "URGED",
    title: clipText(`催办:${name}${input.period ? `(${input.period})` : ""}`, 200),
    // The sender's words come as 附言 under the standard line, so the message names measure and period either way.
    body: [`请抓紧推进举措「${name}」${deadline},并按时报送${inPeriod(input.period)}进展。`, input.message ? `附言:${input.message}` : null]
      .filter(Boolean)
      .join("\n"),
    link: measureLink(input.measure),
  };
}

/** 催办 of one unit for all its late reports, one line per measure and period. */
export function lateReportsUrgedMessage(input: {
  /** With the measure's id, each line ends with a link to its page (the inbox makes it clickable). */
  items: readonly { measure: Pick<MeasureRef, "code" | "text"> & { id?: number }; period: string; dueDate: string; returned: boolean }[];
  message?: string | null;
  listed?: number;
}): Message {
  const listed = input.listed ?? 20;
  const count = input.items.length;
  const lines = input.items.slice(0, listed).map((item, i) => {
    const returned = item.returned ? ",已被退回待重新报送" : "";
    const link = item.measure.id === undefined ? "" : ` ${measureLink({ id: item.measure.id })}`;
    return `${i + 1}. ${measureLabel(item.measure, 40)}(${item.period},应于 ${item.dueDate} 前报送${returned})${link}`;
  });
  if (count > listed) lines.push(`……共 ${count} 项`);
  const periods = [...new Set(input.items.map((item) => item.period))];
  const first = input.items[0];
  const subject =
    count === 1 && first
      ? `${measureLabel(first.measure)}(${first.period})`
      : `${count} 项进展报送逾期未报(${periods.slice(0, 2).join("、")}${periods.length > 2 ? "等" : ""})`;
  return {
    kind: "URGED",
    title: clipText(`催办:${subject}`, 200),
    body: [input.message ?? `贵单位有 ${count} 项任务的进展报送已逾期,请尽快报送:`, ...lines].join("\n"),
    link: "/tasks",
  };
}

/** The bureau's decision on a deadline extension (延期决定). */
export function extensionDecidedMessage(input: {
  measure: MeasureRef;
  approved: boolean;
  oldDeadline: string | null;
  newDeadline: string;
  comment?: string | null;
}): Message {
  const name = measureLabel(input.measure);
  const outcome = input.approved ? "已批准" : "未获批准";
  const change = input.approved
    ? `完成时限由 ${input.oldDeadline ?? "未定"} 延至 ${input.newDeadline}。`
    : `申请延至 ${input.newDeadline},完成时限仍为 ${input.oldDeadline ?? "未定"}。`;
  return {
    kind: "EXTENSION_DECIDED",
    title: clipText(`延期申请${outcome}:${name}`, 200),
    body: [`举措「${name}」的延期申请${outcome},${change}`, input.comment ? `审批意见:${input.comment}` : null].filter(Boolean).join("\n"),
    link: measureLink(input.measure),
  };
}

// ---------------------------------------------------------------------------
// The reminder job's digests: one message per unit, period and kind (and the
// bureau's daily arrivals), worded from the items they list now, so the same
// function words the stored message and the live one the inbox shows.

export type DigestItem = { measure: MeasureRef; note?: string | null };
export type DigestLine = { href: string; label: string; note: string | null };
export type DigestMessage = Message & { items: DigestLine[]; total: number; resolved: boolean };

/** "2026年12月" for "2026-12". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-");
  return `${year}年${Number(m)}月`;
}

/** "12月5日" for "2026-12-05". */
export function dayLabel(day: string): string {
  const [, m, d] = day.split("-");
  return `${Number(m)}月${Number(d)}日`;
}

function listing(items: readonly DigestItem[], total: number, listed: number) {
  const lines = items.slice(0, listed).map((item, i) => `${i + 1}. ${measureLabel(item.measure, 40)}${item.note ? `(${item.note})` : ""}`);
  if (total > Math.min(listed, items.length)) lines.push(`……共 ${total} 项`);
  return lines;
}

const digestLines = (items: readonly DigestItem[]): DigestLine[] =>
  items.map((item) => ({ href: measureLink(item.measure), label: measureLabel(item.measure, 40), note: item.note ?? null }));

/**
 * A unit's reminder digest: reports owed for a period (REPORT_LATE), measures
 * due within 30 days (DUE_SOON) or past their deadline (OVERDUE), those two
 * per month the reminder is raised in. `total` defaults to the number of items; with
 * none left the digest says it is resolved.
 */
export function reminderDigestMessage(input: {
  key: Exclude<DigestKey, { kind: "ARRIVALS" }>;
  items: readonly DigestItem[];
  total?: number;
  listed?: number;
}): DigestMessage {
  const total = input.total ?? input.items.length;
  const resolved = total === 0;
  const key = input.key;
  const lines = listing(input.items, total, input.listed ?? 20);
  let title: string;
  let intro: string;
  if (key.kind === "REPORT_LATE") {
    const period = periodLabel(key.start, key.cadence);
    title = resolved ? `${period}进展已全部报送` : `${period}尚有 ${total} 项进展未报送`;
    intro = resolved
      ? `贵单位${period}应报送的进展均已报送。`
      : `贵单位以下 ${total} 项举措${period}的进展尚未报送(或被退回待重新报送),请尽快报送:`;
  } else if (key.kind === "DUE_SOON") {
    const month = monthLabel(key.month);
    title = resolved ? `${month}临期提醒:已无 30 天内到期的未完成举措` : `${month}临期提醒:${total} 项举措 30 天内到期`;
    intro = resolved
      ? `贵单位 30 天内到期的举措均已完成或已延期。`
      : `贵单位以下 ${total} 项举措将在 30 天内到期,请抓紧推进,并及时报送进展:`;
  } else {
    const month = monthLabel(key.month);
    title = resolved ? `${month}逾期提醒:逾期举措已全部完成或延期` : `${month}逾期提醒:${total} 项举措已超过完成时限`;
    intro = resolved
      ? `贵单位已超过完成时限的举措均已完成或已延期。`
      : `贵单位以下 ${total} 项举措已超过完成时限仍未完成,请尽快报送进展;确需延期的,请提出延期申请:`;
  }
  return {
    kind: "REMINDER",
    title: clipText(title, 200),
    body: [intro, ...lines].join("\n"),
    link: "/tasks",
    items: digestLines(input.items),
    total,
    resolved,
  };
}

/** The bureau's digest of one day's arrivals: progress reports submitted and extensions requested. */
export function arrivalsDigestMessage(input: {
  day: string;
  today: string;
  reports: readonly (DigestItem & { unit: string; period: string })[];
  extensions: readonly (DigestItem & { unit: string })[];
  /** How many arrived, when more arrived than are listed; the lists' lengths by default. */
  reportTotal?: number;
  extensionTotal?: number;
  listed?: number;
}): DigestMessage {
  const when = input.day === input.today ? "今日" : dayLabel(input.day);
  const reportTotal = input.reportTotal ?? input.reports.length;
  const extensionTotal = input.extensionTotal ?? input.extensions.length;
  const parts = [reportTotal > 0 ? `${reportTotal} 份进展报送` : null, extensionTotal > 0 ? `${extensionTotal} 项延期申请` : null].filter(
    Boolean,
  );
  const title = parts.length > 0 ? `${when}收到 ${parts.join("、")}` : `${when}未收到进展报送或延期申请`;
  const listed = input.listed ?? 20;
  const reports = input.reports.map((r) => ({ measure: r.measure, note: `${r.unit},${r.period}` }));
  const extensions = input.extensions.map((e) => ({ measure: e.measure, note: `${e.unit} 申请延期` }));
  const body = [
    reportTotal > 0 ? `进展报送(待审核的请到「审核」处理):` : null,
    ...(reportTotal > 0 ? listing(reports, reportTotal, listed) : []),
    extensionTotal > 0 ? `延期申请:` : null,
    ...(extensionTotal > 0 ? listing(extensions, extensionTotal, listed) : []),
  ].filter((line): line is string => line !== null);
  return {
    kind: "REMINDER",
    title,
    body: body.join("\n"),
    link: "/reviews",
    items: digestLines([...reports, ...extensions]),
    total: reportTotal + extensionTotal,
    resolved: false,
  };
}

/** A 通报 issued to the district's units (印发); it comes from the bureau, a person. */
export function circularIssuedMessage(input: { id: number; title: string; issuer: string; documentNumber?: string | null }): Message {
  return {
    kind: "CIRCULAR",
    title: clipText(`通报:${input.title}`, 200),
    body: `${input.issuer}印发了${input.documentNumber ? `${input.documentNumber}` : ""}《${input.title}》,请查阅本单位的报送、按时报送、退回和逾期情况及排名。`,
    link: `/circulars/${input.id}`,
  };
}
