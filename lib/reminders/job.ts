import { db, type Db } from "@/lib/db/client.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { parseEnv } from "@/lib/env.ts";
import { logInfo } from "@/lib/log.ts";
import { isIsoDate } from "@/lib/progress/periods.ts";
import { createMailer, emailNotifications, type Mailer } from "@/lib/notifications/mailer.ts";
import {
  deadlineCandidates,
  insertReminders,
  lateReportCandidates,
  measureName,
  type DeadlineCandidate,
  type LateReportCandidate,
  type Page,
  type ReminderDraft,
} from "@/lib/reminders/queries.ts";

// The scheduled reminder job (npm run cli -- reminders, once a day). It raises
// reminders by itself, each once, for chased assignments (see queries.ts):
//
//   DUE_SOON     the measure's deadline is 30 days away or less (0 ≤ days ≤ 30),
//                once per deadline         due-soon:<assignmentId>:<deadline>
//   REPORT_LATE  the report of the period judged today (latestDuePeriod) is
//                missing or returned, once per period
//                                          report-late:<assignmentId>:<periodKey>
//   OVERDUE      the deadline has passed, once per deadline
//                                          overdue:<assignmentId>:<deadline>
//
// Idempotent: Reminder.dedupeKey is unique. Candidates already reminded are
// filtered out in SQL, and the insert is ON CONFLICT DO NOTHING, so a second
// run the same day (or a concurrent one) inserts nothing; notifications are
// made only for the reminders that were actually inserted.
//
// Work is done in pages of `chunkSize` assignments (keyset on Assignment.id):
// one SELECT of candidates, then one transaction that inserts their reminders
// and the liaisons' notifications. A page that is committed stays committed:
// if the run stops half-way, the next run picks up the rest.

export type JobKind = "DUE_SOON" | "REPORT_LATE" | "OVERDUE";

export type ReminderJobOptions = {
  /** The client to use; the app's by default (the CLI passes its own). */
  db?: Db;
  /** Assignments per page; 1000 by default. */
  chunkSize?: number;
  /** Where new notifications are e-mailed; from SMTP_URL by default. */
  mailer?: Mailer;
};

export type ReminderJobResult = {
  today: string;
  /** Reminders inserted, per kind. */
  created: Record<JobKind, number>;
  /** Notifications inserted (one per active liaison of each reminded unit). */
  notifications: number;
  /** Notifications e-mailed. */
  emailed: number;
};

const KINDS: readonly JobKind[] = ["DUE_SOON", "REPORT_LATE", "OVERDUE"];

function dueSoonDraft(c: DeadlineCandidate): ReminderDraft {
  const when = c.daysLeft === 0 ? "今日到期" : `距完成时限还有 ${c.daysLeft} 天`;
  return {
    ...subject(c, "DUE_SOON"),
    message: `举措「${measureName(c.measureCode, c.measureText, 60)}」完成时限为 ${c.deadline},${when}。请抓紧推进,并及时报送进展。`,
    notice: { title: `临期提醒:${measureName(c.measureCode, c.measureText)}`, link: `/measures/${c.measureId}` },
  };
}

function overdueDraft(c: DeadlineCandidate): ReminderDraft {
  return {
    ...subject(c, "OVERDUE"),
    message: `举措「${measureName(c.measureCode, c.measureText, 60)}」已超过完成时限(${c.deadline})仍未完成。请尽快报送进展;确需延期的,请提出延期申请。`,
    notice: { title: `逾期提醒:${measureName(c.measureCode, c.measureText)}`, link: `/measures/${c.measureId}` },
  };
}

function lateReportDraft(c: LateReportCandidate): ReminderDraft {
  const state = c.reportState === "RETURNED" ? "已被退回,尚未重新报送" : "尚未报送";
  return {
    ...subject(c, "REPORT_LATE"),
    message: `举措「${measureName(c.measureCode, c.measureText, 60)}」${c.period.label}的进展应于 ${c.period.dueDate} 前报送,目前${state}。请尽快报送。`,
    notice: { title: `报送提醒:${c.period.label}进展${state}(${measureName(c.measureCode, c.measureText, 20)})`, link: `/measures/${c.measureId}` },
  };
}

function subject(c: DeadlineCandidate | LateReportCandidate, kind: JobKind) {
  return {
    kind,
    districtId: c.districtId,
    unitId: c.unitId,
    measureId: c.measureId,
    assignmentId: c.assignmentId,
    dedupeKey: c.dedupeKey,
  };
}

/** Each kind: how its candidates are selected (a page at a time) and worded. */
function sources(client: Db, today: string) {
  return {
    DUE_SOON: source((page) => deadlineCandidates(client, "DUE_SOON", today, page), dueSoonDraft),
    REPORT_LATE: source((page) => lateReportCandidates(client, today, page, { excludeReminded: true }), lateReportDraft),
    OVERDUE: source((page) => deadlineCandidates(client, "OVERDUE", today, page), overdueDraft),
  } satisfies Record<JobKind, Source>;
}

type Source = { select(page: Page): Promise<{ assignmentId: number; draft: ReminderDraft }[]> };

function source<C extends { assignmentId: number }>(select: (page: Page) => Promise<C[]>, draft: (c: C) => ReminderDraft): Source {
  return { select: async (page) => (await select(page)).map((c) => ({ assignmentId: c.assignmentId, draft: draft(c) })) };
}

/** Runs the job for `today` ("YYYY-MM-DD", a date in China) and returns what it created. */
export async function runReminderJob(today: string, options: ReminderJobOptions = {}): Promise<ReminderJobResult> {
  if (!isIsoDate(today)) throw new RangeError(`Invalid date: ${JSON.stringify(today)} (expected YYYY-MM-DD)`);
  const client = options.db ?? db();
  const limit = options.chunkSize ?? 1000;
  const mailer = options.mailer ?? createMailer(parseEnv());
  const result: ReminderJobResult = { today, created: { DUE_SOON: 0, REPORT_LATE: 0, OVERDUE: 0 }, notifications: 0, emailed: 0 };
  let emailSkipped = 0;
  let emailSkipReason: string | null = null;

  const byKind = sources(client, today);
  for (const kind of KINDS) {
    const source = byKind[kind];
    for (let after = 0; ; ) {
      const candidates = await source.select({ after, limit });
      if (candidates.length === 0) break;
      const drafts = candidates.map((c) => c.draft);
      const { reminders, notificationIds } = await client.$transaction((tx) => insertReminders(tx, drafts), { timeout: 120_000 });
      result.created[kind] += reminders.length;
      result.notifications += notificationIds.length;
      const mailed = await emailNotifications(notificationIds, mailer, client);
      result.emailed += mailed.sent;
      emailSkipped += mailed.skipped;
      emailSkipReason ??= mailed.reason;
      if (candidates.length < limit) break;
      after = candidates[candidates.length - 1]!.assignmentId;
    }
  }

  await recordAudit(client, {
    actor: null,
    action: "reminders.job",
    entityType: "ReminderJob",
    entityId: today,
    districtId: null,
    after: { ...result },
  });
  logInfo("reminder job finished", { ...result });
  if (emailSkipped > 0) logInfo(emailSkipReason ?? "notifications not e-mailed", { notifications: emailSkipped });
  return result;
}
