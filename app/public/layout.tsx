import type { Metadata } from "next";
import { PublicHeader } from "@/components/public/public-header.tsx";

export const metadata: Metadata = {
  title: { default: "政务公开", template: "%s · 政务公开 · 法治任务通" },
};

/** Pages anyone may read without signing in (proxy.ts lets /public through). */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        跳到正文
      </a>
      <PublicHeader />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <footer className="no-print mx-auto max-w-6xl px-4 pb-8 text-sm text-slate-500">
        本栏目仅公开已发布的年度报告和规划推进的汇总数据。
      </footer>
    </>
  );
}
