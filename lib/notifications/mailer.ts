import { db } from "@/lib/db/client.ts";
import { logError } from "@/lib/log.ts";
import type { Env } from "@/lib/env.ts";

// E-mail for notifications. With SMTP_URL set (smtp:// or smtps://, e.g.
// smtps://user:pass@smtp.example.gov.cn:465) mail goes out through nodemailer,
// from SMTP_FROM; without it the mailer is a no-op and the in-app inbox is the
// only channel.

export interface Mailer {
  /** True when mail can actually leave (SMTP_URL is set). */
  readonly configured: boolean;
  send(to: string, subject: string, text: string): Promise<void>;
}

export const DEFAULT_FROM = "法治任务通 <no-reply@localhost>";

/** Sends nothing: no SMTP server is configured. */
export const noopMailer: Mailer = {
  configured: false,
  async send() {},
};

/** An SMTP mailer; nodemailer is loaded on first use, so an unconfigured app never loads it. */
export function smtpMailer(url: string, from: string = DEFAULT_FROM): Mailer {
  let transport: Promise<{ sendMail(message: object): Promise<unknown> }> | undefined;
  return {
    configured: true,
    async send(to, subject, text) {
      transport ??= import("nodemailer").then((nodemailer) => nodemailer.default.createTransport(url));
      await (await transport).sendMail({ from, to, subject, text });
    },
  };
}

export function createMailer(env: Pick<Env, "SMTP_URL" | "SMTP_FROM">): Mailer {
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.SMTP_FROM) : noopMailer;
}

export type EmailOutcome = {
  /** Notifications e-mailed (and marked emailedAt). */
  sent: number;
  /** Notifications that could have been e-mailed but were not, and why. */
  skipped: number;
  reason: string | null;
};

/**
 * E-mails new notifications to those of their users who have an address, and
 * marks them emailedAt. One failed address is logged and skipped; the in-app
 * inbox has the notification either way.
 */
export async function emailNotifications(
  notificationIds: readonly number[],
  mailer: Mailer,
  client: Pick<ReturnType<typeof db>, "notification"> = db(),
): Promise<EmailOutcome> {
  if (!mailer.configured || notificationIds.length === 0) return { sent: 0, skipped: 0, reason: null };
  const notifications = await client.notification.findMany({
    where: { id: { in: [...notificationIds] }, emailedAt: null },
    select: { id: true, title: true, body: true, link: true, user: { select: { email: true } } },
  });
  let sent = 0;
  let skipped = 0;
  for (const n of notifications) {
    if (!n.user.email) {
      skipped++;
      continue;
    }
    try {
      await mailer.send(n.user.email, n.title, [n.body, n.link ? `详情:${n.link}` : null].filter(Boolean).join("\n\n"));
      await client.notification.update({ where: { id: n.id }, data: { emailedAt: new Date() } });
      sent++;
    } catch (error) {
      skipped++;
      logError("reminder e-mail failed", { notificationId: n.id }, error);
    }
  }
  return { sent, skipped, reason: skipped ? "部分用户没有电子邮箱或发送失败" : null };
}
