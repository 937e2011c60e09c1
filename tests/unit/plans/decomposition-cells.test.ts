import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ItemRollupCell, MeasureItemCell } from "@/components/plans/decomposition-cells.tsx";
import type { ItemRollup } from "@/lib/plans/decomposition.ts";

// The plan page's decomposition column as the server renders it.

const child = (
  id: number,
  light: "RED" | "GREEN",
  extra: Partial<ItemRollup["children"][number]> = {},
): ItemRollup["children"][number] => ({
  id,
  code: String(id),
  text: `分工 ${id}`,
  planId: 9,
  planTitle: "任务分工方案",
  status: light === "RED" ? "OVERDUE" : "IN_PROGRESS",
  light,
  reasonCode: light === "RED" ? "OVERDUE" : "ON_TRACK",
  reason: light === "RED" ? "已逾期 6 天" : "进展正常",
  deadline: "2027-03-31",
  originalDeadline: null,
  ongoing: false,
  ...extra,
});

describe("ItemRollupCell", () => {
  it("shows the rolled-up light in words, the state and the implementing measures with links", () => {
    const html = renderToStaticMarkup(
      createElement(ItemRollupCell, {
        rollup: {
          ownAssignments: false,
          rolled: {
            status: "OVERDUE",
            light: "RED",
            reasonCode: "OVERDUE",
            reason: "已逾期 6 天",
            deadline: "2027-03-31",
            ongoing: false,
            children: 2,
            completedChildren: 0,
          },
          children: [child(31, "RED"), child(32, "GREEN", { originalDeadline: "2026-09-30" })],
        },
      }),
    );
    expect(html).toContain("红灯·逾期");
    expect(html).toContain("已逾期");
    expect(html).toContain("2 项落实举措");
    expect(html).toContain('href="/measures/31"');
    expect(html).toContain("已延期至 2027-03-31");
  });

  it("says 未分解 for an item no measure implements", () => {
    expect(renderToStaticMarkup(createElement(ItemRollupCell, { rollup: undefined }))).toContain("未分解");
  });
});

describe("MeasureItemCell", () => {
  it("names the item a measure implements, with a link, or 未对应", () => {
    const linked = renderToStaticMarkup(
      createElement(MeasureItemCell, {
        measure: { id: 5, code: "5" },
        item: { id: 12, code: "(十二)", text: "强化开发园区法律服务,构建知识产权保护新格局。" },
        items: [],
        canManage: false,
      }),
    );
    expect(linked).toContain('href="/measures/12"');
    expect(linked).toContain("(十二) 强化开发园区法律服务");
    const unlinked = renderToStaticMarkup(
      createElement(MeasureItemCell, { measure: { id: 5, code: "5" }, item: null, items: [], canManage: false }),
    );
    expect(unlinked).toContain("未对应");
  });
});
