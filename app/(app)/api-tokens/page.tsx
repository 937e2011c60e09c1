import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listApiTokens } from "@/lib/api-tokens/queries.ts";
import { apiTokenRowId } from "@/lib/api-tokens/schema.ts";
import { listRegionOptions } from "@/lib/regions/queries.ts";
import { REGION_LEVEL_LABELS } from "@/lib/regions/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/app/(app)/api-tokens/api-token-forms.tsx";
import { formatChinaTime } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "接口令牌" };

export default async function ApiTokensPage() {
  const actor = await requireActor();
  if (!can(actor, "apiToken.manage")) notFound();
  const [tokens, regions] = await Promise.all([listApiTokens(actor), listRegionOptions(actor)]);
  return (
    <>
      <PageHeader
        title="接口令牌"
        description="市、省平台通过只读接口 /api/v1 读取规划、举措、分工、报送进展和统计数字。每个对接系统使用一个令牌,令牌限定于一个区域(市的令牌可读其下各区县),只在创建时显示一次;接口说明见 /api/v1/openapi.json。"
      />
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <Table caption="接口令牌" head={["名称", "区域", "令牌开头", "创建", "最近使用", "状态", "操作"]}>
          {tokens.length === 0 && <EmptyRow colSpan={7}>尚未创建接口令牌</EmptyRow>}
          {tokens.map((token) => (
            <tr key={token.id} id={apiTokenRowId(token.id)} tabIndex={-1} className="focus:outline-2 focus:outline-brand-600">
              <td className={cell}>{token.name}</td>
              <td className={cell}>
                {token.region.name}
                <span className="ml-1 text-xs text-slate-500">({REGION_LEVEL_LABELS[token.region.level]})</span>
              </td>
              <td className={`${cell} whitespace-nowrap font-mono text-xs`}>{token.prefix}…</td>
              <td className={`${cell} whitespace-nowrap`}>
                {formatChinaTime(token.createdAt)}
                <span className="block text-xs text-slate-500">{token.createdBy.name}</span>
              </td>
              <td className={`${cell} whitespace-nowrap`}>{token.lastUsedAt ? formatChinaTime(token.lastUsedAt) : "从未使用"}</td>
              <td className={cell}>
                {token.revokedAt ? <Badge tone="grey">已吊销 {formatChinaTime(token.revokedAt)}</Badge> : <Badge tone="green">有效</Badge>}
              </td>
              <td className={cell}>{!token.revokedAt && <RevokeApiTokenButton id={token.id} name={token.name} />}</td>
            </tr>
          ))}
        </Table>
        <section aria-labelledby="new-api-token" className="no-print">
          <h2 id="new-api-token" className="mb-3 text-lg font-semibold">
            创建令牌
          </h2>
          <CreateApiTokenForm regions={regions.map((r) => ({ id: r.id, label: `${r.name}(${REGION_LEVEL_LABELS[r.level]})` }))} />
        </section>
      </div>
    </>
  );
}
