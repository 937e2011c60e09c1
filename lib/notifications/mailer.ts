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
 * The hook through which new notifications are e-mailed to their users.
 *
 * For now it sends nothing: the User model has no e-mail column yet, so there
 * is no address to send to. With a configured mailer it reports the
 * notifications it had to skip, so the caller can say so in its log. Once
 * users have addresses: load the recipients of `notificationIds` that have
 * one, `mailer.send(address, title, body + link)` each, and set
 * Notification.emailedAt for those sent — the column is already there.
 */
export async function emailNotifications(notificationIds: readonly number[], mailer: Mailer): Promise<EmailOutcome> {
  if (!mailer.configured || notificationIds.length === 0) return { sent: 0, skipped: 0, reason: null };
  return { sent: 0, skipped: notificationIds.length, reason: "SMTP 已配置,但用户尚无电子邮箱地址,暂不发送邮件" };
}
