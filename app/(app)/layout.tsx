import Link from "next/link";
import { redirect } from "next/navigation";
import { getSignedIn } from "@/lib/auth/session.ts";
import { navigationFor } from "@/lib/navigation.ts";
import { ROLE_LABELS } from "@/lib/users/schema.ts";
import { MainNav } from "@/components/layout/main-nav.tsx";
import { SignOutButton } from "@/components/layout/sign-out-button.tsx";
import { unreadCount } from "@/lib/notifications/queries.ts";
import { getDisplayPreferences } from "@/lib/users/queries.ts";
import { LargeTextToggle } from "@/components/layout/large-text-toggle.tsx";
import { HeaderMenu } from "@/components/layout/header-menu.tsx";
import { Toaster } from "sonner";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Pages and actions each refuse a user who must change the password first
  // (lib/auth/session.ts); the frame only leaves the navigation out for them.
  const signedIn = await getSignedIn();
  if (!signedIn) redirect("/login");
  const { actor, passwordChangeRequired } = signedIn;
  const [unread, preferences] = await Promise.all([unreadCount(actor), getDisplayPreferences(actor.id)]);
  return (
    <>
      <a href="#main" className="skip-link">
        跳到正文
      </a>
      <header className="no-print bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <Link href="/" className="text-lg font-bold tracking-wide">
            法治任务通
          </Link>
          {/* 消息 stays in sight on a phone; the rest folds behind 菜单 (components/layout/header-menu.tsx). */}
          <Link
            href="/inbox"
            className="ml-auto rounded px-2 py-1 text-sm hover:bg-brand-700 md:ml-0"
            aria-label={`消息,未读 ${unread} 条`}
          >
            消息{unread > 0 && <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs">{unread}</span>}
          </Link>
          <HeaderMenu>
            {!passwordChangeRequired && <MainNav items={navigationFor(actor)} />}
            <div className="flex flex-wrap items-center gap-2 text-sm md:ml-auto">
              <LargeTextToggle initial={preferences.largeText} />
              <span>
                {actor.name}({ROLE_LABELS[actor.role]})
              </span>
              <Link href="/account/password" className="rounded px-2 py-1 hover:bg-brand-700">
                修改密码
              </Link>
              <SignOutButton />
            </div>
          </HeaderMenu>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
      {/* Every action's outcome (components/form/use-action-form.ts). Top centre stays clear of the
          report form's buttons on a phone; sonner's own <style> is allowed by style-src 'unsafe-inline' (proxy.ts). */}
      <Toaster
        position="top-center"
        richColors
        containerAriaLabel="操作结果通知"
        toastOptions={{ duration: 6000, className: "text-base" }}
      />
    </>
  );
}
