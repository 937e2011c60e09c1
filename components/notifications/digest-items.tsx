import Link from "next/link";
import type { DigestMessage } from "@/lib/notifications/messages.ts";

// A reminder digest in the inbox: its first line, then the measures it still
// lists, each a link to its measure page; a long list folds after the first few.

const SHOWN = 8;

export function DigestItems({ digest }: { digest: DigestMessage }) {
  const intro = digest.body.split("\n")[0];
  const line = (item: DigestMessage["items"][number], i: number) => (
    <li key={`${item.href}-${i}`}>
      <Link href={item.href} className="text-brand-700 underline-offset-2 hover:underline">
        {item.label}
      </Link>
      {item.note && <span className="text-slate-500">({item.note})</span>}
    </li>
  );
  return (
    <div className="mt-1 text-sm text-slate-700" data-testid="digest">
      <p>{intro}</p>
      {digest.items.length > 0 && (
        <ol className="mt-1 list-decimal space-y-0.5 pl-5" aria-label="所列举措">
          {digest.items.slice(0, SHOWN).map(line)}
        </ol>
      )}
      {digest.items.length > SHOWN && (
        <details className="mt-1">
          <summary className="cursor-pointer text-brand-700">展开其余 {digest.items.length - SHOWN} 项</summary>
          <ol start={SHOWN + 1} className="mt-1 list-decimal space-y-0.5 pl-5">
            {digest.items.slice(SHOWN).map((item, i) => line(item, i + SHOWN))}
          </ol>
          {digest.total > digest.items.length && <p className="mt-1 text-slate-500">……共 {digest.total} 项,请到「我的任务」查看全部</p>}
        </details>
      )}
    </div>
  );
}
