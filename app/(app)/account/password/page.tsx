import type { Metadata } from "next";
import { requireActor, getSignedIn } from "@/lib/auth/session.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { ChangePasswordForm } from "@/app/(app)/account/password/change-password-form.tsx";

export const metadata: Metadata = { title: "修改密码" };

export default async function ChangePasswordPage() {
  // The one page open to a user who must change the password first.
  await requireActor({ pendingPasswordChange: true });
  const required = (await getSignedIn())?.passwordChangeRequired ?? false;
  return (
    <>
      <PageHeader
        title="修改密码"
        description={
          required
            ? "您的密码由管理员设置或已过期,请先设置新密码,之后才能使用其他功能。"
            : "修改后,您在其他设备或浏览器上的登录将全部退出。"
        }
      />
      <ChangePasswordForm />
    </>
  );
}
