"use client";

import { useState } from "react";
import { updateDisplayPreferences } from "@/lib/users/actions.ts";
import { useActionRunner } from "@/components/form/use-action-form.ts";

/** The class on <html> that enlarges everything (app/globals.css); the root layout sets it from the saved choice. */
export const LARGE_TEXT_CLASS = "large-text";

/**
 * 长者模式: a switch in the header. It takes effect at once and is saved for
 * the user; if saving fails the page goes back to how it was and a toast says
 * why. Success needs no words: the page has already changed.
 */
export function LargeTextToggle({ initial }: { initial: boolean }) {
  const [on, setOn] = useState(initial);
  const { run, pending } = useActionRunner("failures");

  function apply(value: boolean) {
    setOn(value);
    document.documentElement.classList.toggle(LARGE_TEXT_CLASS, value);
  }

  function toggle() {
    const next = !on;
    apply(next);
    run(() => updateDisplayPreferences({ largeText: next }), { onFailure: () => apply(!next) });
  }

  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={toggle}
      disabled={pending}
      title={on ? "关闭长者模式,恢复正常字号" : "开启长者模式,放大字号"}
      className={`inline-flex items-center gap-1.5 rounded border px-2 py-1 text-sm ${
        on ? "border-white bg-white font-semibold text-brand-800" : "border-white/60 text-white hover:bg-brand-700"
      }`}
    >
      <span
        aria-hidden="true"
        className={`inline-block h-3 w-6 rounded-full border ${on ? "border-brand-800 bg-brand-600" : "border-white/80 bg-transparent"}`}
      >
        <span className={`block h-2.5 w-2.5 rounded-full ${on ? "ml-3 bg-white" : "bg-white/80"}`} />
      </span>
      长者模式
    </button>
  );
}
