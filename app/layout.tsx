import type { Metadata, Viewport } from "next";
import { getSignedIn } from "@/lib/auth/session.ts";
import { getDisplayPreferences } from "@/lib/users/queries.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "法治任务通", template: "%s · 法治任务通" },
  description: "法治政府建设规划任务分工、进展报送与年度报告管理",
  // The manifest (app/manifest.ts) is linked by Next itself; these are for browsers that read <link rel="icon">.
  icons: {
    icon: [
      { url: "/icons/icon.svg", type: "image/svg+xml" },
      { url: "/icons/icon-192.png", sizes: "192x192" },
    ],
    apple: "/icons/apple-touch-icon.png",
  },
  appleWebApp: { capable: true, title: "法治任务通" },
};

export const viewport: Viewport = { themeColor: "#103761" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // 长者模式 is read here, on the server, so the page never flashes at the small size first.
  // getSignedIn, not getActor: this frame also holds 修改密码, which a user who
  // must change the password may open (getActor would send them round in a loop).
  const actor = (await getSignedIn())?.actor;
  const { largeText } = actor ? await getDisplayPreferences(actor.id) : { largeText: false };
  return (
    <html lang="zh-CN" className={largeText ? "large-text" : undefined}>
      <body>{children}</body>
    </html>
  );
}
