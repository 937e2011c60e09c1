/**
 * Expected failures, each with the message a user reads. Anything else is a
 * bug: the user sees GENERIC_ERROR and the operator gets a log line.
 */
export const ERROR_MESSAGES = {
  NOT_FOUND: "未找到该记录,或您无权访问。",
  FORBIDDEN: "您没有执行此操作的权限。",
  VALIDATION: "填写的内容有误,请按提示修改。",
  DUPLICATE: "已存在同名记录。",
  CONFLICT: "该记录已被他人修改,请刷新后再试;您填写的内容已保留。",
  INVALID_CREDENTIALS: "账号或密码错误。",
  LOCKED: "登录失败次数过多,请 15 分钟后再试。",
  RATE_LIMITED: "此网络地址登录失败次数过多,请 15 分钟后再试。",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const GENERIC_ERROR = "系统出现错误,请稍后再试。如果问题持续,请联系管理员。";

export class AppError extends Error {
  /** Whether the message is only the code's own (ERROR_MESSAGES): it says nothing the code does not. */
  readonly generic: boolean;
  /**
   * What went wrong, short and without the advice of the message, for a list
   * naming several failures or a screen showing it apart from the message.
   */
  readonly detail?: string;
  /** The page of the record the failure is about (an existing report), for a link beside the message. */
  readonly link?: string;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fieldErrors?: Record<string, string[]>,
    options: { detail?: string; link?: string } = {},
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = "AppError";
    this.generic = message === undefined;
    this.detail = options.detail;
    this.link = options.link;
  }
}

export const notFound = () => new AppError("NOT_FOUND");
export const forbidden = () => new AppError("FORBIDDEN");
