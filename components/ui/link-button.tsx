import Link from "next/link";
import type { ReactNode } from "react";

export function LinkButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
      {children}
    </Link>
  );
}
