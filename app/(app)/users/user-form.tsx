"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createUser, updateUser } from "@/lib/users/actions.ts";
import { createUserSchema, updateUserSchema, ROLES, ROLE_LABELS, type Role } from "@/lib/users/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

type Props = {
  regions: { id: number; name: string }[];
  units: { id: number; name: string; regionId: number }[];
  assignableRoles: Role[];
  user?: { id: number; login: string; name: string; email: string | null; role: Role; regionId: number | null; unitId: number | null };
};

export function UserForm({ regions, units, assignableRoles, user }: Props) {
  const router = useRouter();
  const [regionId, setRegionId] = useState(String(user?.regionId ?? (regions.length === 1 ? regions[0]!.id : "")));
  const [role, setRole] = useState<string>(user?.role ?? "LIAISON");
  const { onSubmit, errors, status, pending } = useActionForm<typeof createUserSchema | typeof updateUserSchema, unknown>(
    user ? updateUserSchema : createUserSchema,
    user ? updateUser : createUser,
    { onSuccess: (data) => !user && router.push(`/users/${(data as { id: number }).id}`) },
  );
  const regionUnits = units.filter((unit) => String(unit.regionId) === regionId);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={user ? "编辑用户" : "新增用户"} className="max-w-xl">
      <StatusMessage status={status} />
      {user ? (
        <input type="hidden" name="id" value={user.id} />
      ) : (
        <>
          <TextField
            name="login"
            label="登录账号"
            required
            maxLength={50}
            autoComplete="off"
            errors={errors}
            hint="字母、数字、点、下划线或连字符"
          />
          <TextField
            name="password"
            label="初始密码"
            type="password"
            required
            autoComplete="new-password"
            errors={errors}
            hint="至少 8 位,包含大写字母、小写字母、数字、符号中的至少三类;用户首次登录须修改"
          />
        </>
      )}
      <TextField name="name" label="姓名" required maxLength={50} errors={errors} defaultValue={user?.name} />
      <TextField
        name="email"
        label="电子邮箱"
        type="email"
        maxLength={100}
        errors={errors}
        defaultValue={user?.email ?? ""}
        hint="选填;配置了邮件服务时,催办和退回通知同时发到此邮箱"
      />
      <SelectField
        name="role"
        label="角色"
        required
        errors={errors}
        value={role}
        onChange={(event) => setRole(event.target.value)}
        options={ROLES.filter((r) => assignableRoles.includes(r)).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
      />
      {role !== "ADMIN" && (
        <>
          <SelectField
            name="regionId"
            label="管辖区域"
            required
            errors={errors}
            value={regionId}
            onChange={(event) => setRegionId(event.target.value)}
            placeholder="请选择"
            options={regions.map((r) => ({ value: r.id, label: r.name }))}
            hint="用户可查看和处理该区域及其下级区域的数据"
          />
          <SelectField
            key={regionId}
            name="unitId"
            label="所属单位"
            required={role === "LIAISON"}
            errors={errors}
            defaultValue={user?.unitId ?? ""}
            placeholder={role === "LIAISON" ? "请选择" : "(不属于具体单位)"}
            options={regionUnits.map((u) => ({ value: u.id, label: u.name }))}
            hint={role === "LIAISON" ? "联络员只能报送本单位承担的任务" : undefined}
          />
        </>
      )}
      <SubmitButton pending={pending}>{user ? "保存" : "新增用户"}</SubmitButton>
    </form>
  );
}
