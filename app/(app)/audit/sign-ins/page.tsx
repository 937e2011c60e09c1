import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listSignInEvents } from "@/lib/audit/queries.ts";
import { SIGN_IN_KIND_LABELS, SIGN_IN_KINDS, signInFilterSchema } from "@/lib/audit/schema.ts";
import { fieldErrorsOf } from "@/lib/validation.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { SelectField, StatusMessage, TextField } from "@/components/form/fields.tsx";
import { ERROR_MESSAGES } from "@/lib/errors.ts";
import { formatChinaTime } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "登录日志" };

const TONES = { SUCCESS: "green", SIGN_OUT: "grey", FAILURE: "red", LOCKOUT: "red", LOCKED: "red", RATE_LIMITED: "red" } as const;
const FIELDS = ["who", "kind", "from", "to", "address"] as const;

export default async function SignInLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "audit.read")) notFound();
  const query = await searchParams;
  const values = Object.fromEntries([...FIELDS, "page"].map((key) => [key, [query[key]].flat()[0] ?? ""])) as Record<
    (typeof FIELDS)[number] | "page",
    string
  >;
  const parsed = signInFilterSchema.safeParse(values);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const result = parsed.success ? await listSignInEvents(actor, parsed.data) : null;
  const pageLink = (page: number) => {
    const params = new URLSearchParams(FIELDS.flatMap((key) => (values[key] ? [[key, values[key]]] : [])));
    params.set("page", String(page));
    return `/audit/sign-ins?${params}`;
  };

  return (
    <>
      <PageHeader
        title="登录日志"
        description={actor.role === "ADMIN" ? "全部账号的登录、失败、锁定与退出记录" : "管辖范围内用户的登录、失败、锁定与退出记录"}
      />
      <form method="get" action="/audit/sign-ins" aria-label="筛选登录日志" className="no-print mb-4 flex flex-wrap items-end gap-x-4">
        <TextField name="who" label="账号或姓名" defaultValue={values.who} errors={errors} />
        <SelectField
          name="kind"
          label="类型"
          placeholder="全部"
          defaultValue={values.kind}
          errors={errors}
          options={SIGN_IN_KINDS.map((kind) => ({ value: kind, label: SIGN_IN_KIND_LABELS[kind] }))}
        />
        <TextField name="from" label="起始日期" type="date" defaultValue={values.from} errors={errors} />
        <TextField name="to" label="截止日期" type="date" defaultValue={values.to} errors={errors} />
        <TextField name="address" label="网络地址" defaultValue={values.address} errors={errors} hint="可只填开头,如 10.1." />
        <div className="mb-4">
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
            查询
          </button>
        </div>
      </form>
      {!result && <StatusMessage status={{ kind: "error", message: ERROR_MESSAGES.VALIDATION }} />}
      {result && (
        <>
          <Table
            caption={`登录日志,共 ${result.total} 条,第 ${result.page} / ${result.pageCount} 页`}
            head={["时间", "类型", "账号", "用户", "网络地址", "浏览器"]}
          >
            {result.events.length === 0 && <EmptyRow colSpan={6}>没有符合条件的记录</EmptyRow>}
            {result.events.map((event) => (
              <tr key={event.id}>
                <td className={`${cell} whitespace-nowrap`}>{formatChinaTime(event.createdAt, "seconds")}</td>
                <td className={cell}>
                  <Badge tone={TONES[event.kind]}>{SIGN_IN_KIND_LABELS[event.kind]}</Badge>
                </td>
                <td className={cell}>{event.login}</td>
                <td className={cell}>
                  {event.user ? `${event.user.name}${event.user.region ? ` · ${event.user.region.name}` : ""}` : "(无此账号)"}
                </td>
                <td className={cell}>{event.address ?? "—"}</td>
                <td className={`${cell} max-w-72 truncate text-xs text-slate-600`} title={event.userAgent ?? undefined}>
                  {event.userAgent ?? "—"}
                </td>
              </tr>
            ))}
          </Table>
          {result.pageCount > 1 && (
            <nav aria-label="分页" className="mt-4 flex gap-4 text-sm">
              {result.page > 1 && (
                <Link href={pageLink(result.page - 1)} className="text-brand-700 underline">
                  上一页
                </Link>
              )}
              {result.page < result.pageCount && (
                <Link href={pageLink(result.page + 1)} className="text-brand-700 underline">
                  下一页
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}
