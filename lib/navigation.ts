import { can, type Action, type Actor } from "@/lib/auth/policy.ts";

/** The menu; each entry shows only to users the policy lets perform its action. */
const MENU: { href: string; label: string; action: Action }[] = [
  { href: "/", label: "首页", action: "dashboard.read" },
  { href: "/dashboard", label: "统计看板", action: "dashboard.read" },
  { href: "/tasks", label: "我的任务", action: "task.list" },
  { href: "/reviews", label: "审核", action: "report.review" },
  { href: "/plans", label: "规划", action: "plan.read" },
  { href: "/reports", label: "年度报告", action: "annualReport.read" },
  { href: "/evaluations", label: "中期评估", action: "evaluation.read" },
  { href: "/inspections", label: "督察整改", action: "inspection.read" },
  { href: "/circulars", label: "通报", action: "circular.read" },
  { href: "/assessments", label: "考核", action: "assessment.read" },
  { href: "/units", label: "单位", action: "unit.read" },
  { href: "/groups", label: "单位分组", action: "group.read" },
  { href: "/users", label: "用户", action: "user.manage" },
  { href: "/audit/sign-ins", label: "登录日志", action: "audit.read" },
  { href: "/regions", label: "区域", action: "region.manage" },
  { href: "/jobs", label: "后台任务", action: "job.read" },
  { href: "/api-tokens", label: "接口令牌", action: "apiToken.manage" },
];

export function navigationFor(actor: Actor) {
  return MENU.filter((item) => can(actor, item.action)).map(({ href, label }) => ({ href, label }));
}
