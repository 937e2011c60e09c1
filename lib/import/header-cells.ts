// The column names division-of-labour tables use, whether the table arrives
// flattened in a published document (plan-parser.ts) or as a ledger sheet
// (lib/plans/ledger/cells.ts). One vocabulary, so a name learnt once is read in both.

export type HeaderColumn = "serial" | "chapter" | "task" | "lead" | "responsible" | "deadline";

export const COMMON_HEADER_CELLS: readonly (readonly [string, HeaderColumn])[] = [
  ["序号", "serial"],
  ["项目", "chapter"],
  ["类别", "chapter"],
  ["具体项目", "task"],
  ["主要任务", "task"],
  ["重点任务", "task"],
  ["工作任务", "task"],
  ["具体举措", "task"],
  ["工作内容", "task"],
  ["牵头单位", "lead"],
  ["牵头部门", "lead"],
  ["责任单位", "responsible"],
  ["责任部门", "responsible"],
  ["配合单位", "responsible"],
  ["配合部门", "responsible"],
  ["完成时限", "deadline"],
  ["完成时间", "deadline"],
  ["时间节点", "deadline"],
];
