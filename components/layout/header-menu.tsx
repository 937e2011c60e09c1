"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";

/**
 * On a narrow screen the navigation and the account controls fold behind a
 * 菜单 button (a disclosure: aria-expanded, Escape closes it and returns focus
 * to the button); from md up they are always shown and the button is gone.
 * Opening a page closes the menu.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  // Opening a page closes the menu: adjusted while rendering, not in an effect (no second render pass).
  const [shownPath, setShownPath] = useState(pathname);
  if (shownPath !== pathname) {
    setShownPath(pathname);
    setOpen(false);
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        className="rounded border border-white/60 px-3 py-1.5 text-sm font-medium md:hidden"
      >
        {open ? "关闭菜单" : "菜单"}
      </button>
      <div
        id={id}
        onKeyDown={(event) => {
          if (event.key === "Escape" && open) {
            setOpen(false);
            button.current?.focus();
          }
        }}
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 pb-2 md:flex md:w-auto md:flex-1 md:flex-row md:flex-wrap md:items-center md:gap-4 md:pb-0`}
      >
        {children}
      </div>
    </>
  );
}
