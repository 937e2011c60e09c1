import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { searchParamId } from "@/lib/ids.ts";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { todayInChina } from "@/lib/dates.ts";
import { listEvaluablePlans } from "@/lib/evaluations/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { EvaluationForm } from "@/components/evaluations/evaluation-form.tsx";

export const metadata: Metadata = { title: "新建中期评估" };

export default async function NewEvaluationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  if (!can(actor, "evaluation.manage")) notFound();
  const plans = await listEvaluablePlans(actor);
  const wanted = searchParamId((await searchParams).plan);
  return (
    <>
      <PageHeader title="新建中期评估" description="按评估基准日冻结规划每项举措当时的状态;评估生成后不可修改" />
      <div className="max-w-xl">
        <EvaluationForm plans={plans} today={todayInChina()} initialPlanId={plans.some((p) => p.id === wanted) ? wanted : undefined} />
      </div>
    </>
  );
}
