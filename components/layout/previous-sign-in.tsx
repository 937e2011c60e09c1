import { formatChinaTime } from "@/lib/dates.ts";

/** A calm line about the previous sign-in; it stands out only when someone has failed to sign in as this user since. */
export function PreviousSignIn({ previous, failures }: { previous: { createdAt: Date; address: string | null } | null; failures: number }) {
  const last = previous
    ? `上次登录:${formatChinaTime(previous.createdAt, "long")}${previous.address ? `(来自 ${previous.address})` : ""}`
    : "这是您的首次登录";
  const warn = failures > 0;
  return (
    <p
      data-testid="previous-sign-in"
      className={warn ? "mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" : "mb-4 text-sm text-slate-600"}
    >
      {last}
      {warn && `;${previous ? "此后" : "此前"}有 ${failures} 次失败的登录尝试,如非本人所为,请告知管理员。`}
    </p>
  );
}
