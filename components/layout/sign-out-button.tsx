"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      // signOut navigates away; nothing is left to do with its promise.
      onClick={() => void signOut({ callbackUrl: "/login" })}
      className="rounded px-3 py-1 text-sm text-brand-50 hover:bg-brand-700"
    >
      退出登录
    </button>
  );
}
