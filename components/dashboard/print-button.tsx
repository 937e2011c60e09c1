"use client";

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50">
      打印
    </button>
  );
}
