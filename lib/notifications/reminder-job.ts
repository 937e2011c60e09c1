import { db, type Db } from "@/lib/db/client.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { parseEnv } from "@/lib/env.ts";
import { logInfo } from "@/lib/log.ts";
import { isIsoDate } from "@/lib/reporting/periods.ts";
import { createMailer, emailNotifications, type Mailer } from "@/lib/notifications/mailer.ts";
import { arrivalGroups, insertDigests, reminderGroups, resolveStaleDigests } from "@/lib/notifications/digests.ts";
import type { DigestKind } from "@/lib/notifications/digest-key.ts";

// The scheduled reminder job (at server start, every six hours, and
// `npm run cli -- reminders`). It writes digests, not one message per
// assignment (digests.ts, digest-key.ts):
//
//   REPORT_LATE  per unit and period: the reports of the period judged today
//                (latestDuePeriod of each plan's cadence) not sent, or returned
//                and not sent again
//   DUE_SOON     per unit and month (of today): chased measures due in 0 to
//                30 days
//   OVERDUE      per unit and month (of today): chased measures past their
//                deadline; a unit hears of its deadlines once a month at most,
//                and this month's digest supersedes (marks read) last month's
//   ARRIVALS     per district and day (yesterday and today): the reports
//                submitted and extensions requested, for its bureau staff
//
// The unit digests go to each active liaison of the unit, the arrivals to the
// district's active bureau staff. Each exists once per recipient (a unique
// index on Notification (userId, digest, districtId)), so a second run the same day, or a
// concurrent one, adds nothing; a measure that needs reminding again (a new
// period, a deadline moved into another month) falls under a new key. What a
// digest lists is read live, and the job marks read the digests with nothing
// left or superseded (resolveStaleDigests), as the inbox does for its user
// before it counts or lists (resolveDigests).
//
// "Chased" as before (queries.ts chasedOn): not completed, measure not
// completed, plan in force and today within its window, unit active.

export type JobKind = "DUE_SOON" | "REPORT_LATE" | "OVERDUE";

export type ReminderJobOptions = {
  /** The client to use; the app's by default (the CLI passes its own). */
  db?: Db;
  /** Where new notifications are e-mailed; from SMTP_URL by default. */
  mailer?: Mailer;
};

export type ReminderJobResult = {
  today: string;
  /** Digest notifications inserted, per kind (one per recipient). */
  created: Record<JobKind, number>;
  /** Bureau arrival digests inserted (one per bureau user and day). */
  arrivals: number;
  /** All notifications inserted. */
  notifications: number;
  /** Unit digests with nothing left, marked read. */
  resolved: number;
  /** Notifications e-mailed. */
  emailed: number;
};

/** Runs the job for `today` ("YYYY-MM-DD", a date in China) and returns what it created. */
export async function runReminderJob(today: string, options: ReminderJobOptions = {}): Promise<ReminderJobResult> {
  if (!isIsoDate(today)) throw new RangeError(`Invalid date: ${JSON.stringify(today)} (expected YYYY-MM-DD)`);
  const client = options.db ?? db();
  const mailer = options.mailer ?? createMailer(parseEnv());

  const groups = [...(await reminderGroups(client, today)), ...(await arrivalGroups(client, today))];
  const inserted = await insertDigests(client, groups);
  const byKind: Record<DigestKind, number> = { REPORT_LATE: 0, DUE_SOON: 0, OVERDUE: 0, ARRIVALS: 0 };
  for (const n of inserted) byKind[n.digest.slice(0, n.digest.indexOf(":")) as DigestKind]++;
  const resolved = await resolveStaleDigests(client, today, groups);
  const mailed = await emailNotifications(
    inserted.map((n) => n.id),
    mailer,
    client,
  );
  const result: ReminderJobResult = {
    today,
    created: { DUE_SOON: byKind.DUE_SOON, REPORT_LATE: byKind.REPORT_LATE, OVERDUE: byKind.OVERDUE },
    arrivals: byKind.ARRIVALS,
    notifications: inserted.length,
    resolved,
    emailed: mailed.sent,
  };

  await recordAudit(client, {
    actor: null,
    action: "reminders.job",
    entityType: "ReminderJob",
    entityId: today,
    districtId: null,
    after: { ...result },
  });
  logInfo("reminder job finished", { ...result });
  if (mailed.skipped > 0) logInfo(mailed.reason ?? "notifications not e-mailed", { notifications: mailed.skipped });
  return result;
}
