import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "法治任务通", template: "%s · 法治任务通" },
  description: "法治政府建设规划任务分工、进展报送与年度报告管理",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
