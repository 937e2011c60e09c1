/** The public pages' header: who publishes, and the way in for staff. */
export function PublicHeader() {
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <a href="/public" className="text-lg font-bold tracking-wide">
          法治任务通 · 政务公开
        </a>
        <a href="/login" className="no-print ml-auto rounded border border-white/60 px-3 py-1 text-sm hover:bg-brand-700">
          工作人员登录
        </a>
      </div>
    </header>
  );
}
