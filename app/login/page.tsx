import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session.ts";
import { LoginForm } from "@/app/login/login-form.tsx";
import { safeRedirectTarget } from "@/lib/auth/redirect.ts";
import { appOrigin } from "@/lib/auth/options.ts";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getActor()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only the app's own pages, so the login page cannot be used to bounce users elsewhere.
  const target = safeRedirectTarget(callbackUrl, appOrigin());
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-800 to-brand-600 p-4">
      <div className="w-full max-w-sm rounded-lg bg-white p-8 shadow-xl">
        <h1 className="text-center text-2xl font-bold text-brand-800">法治任务通</h1>
        <p className="mb-6 mt-1 text-center text-sm text-slate-500">法治政府建设规划任务管理平台</p>
        <LoginForm callbackUrl={target} />
        <p className="mt-6 border-t border-slate-200 pt-4 text-center text-sm">
          <Link href="/public" className="text-brand-700 underline">
            政务公开:查看已发布的法治政府建设年度报告
          </Link>
        </p>
      </div>
    </main>
  );
}
