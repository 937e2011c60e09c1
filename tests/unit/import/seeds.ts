import fs from "node:fs";
import path from "node:path";

export const SEEDS = {
  baoshanPlan: "000-baoshan-plan.txt",
  songjiangReport: "001-songjiang-report-2024.txt",
  huairouPlan: "002-huairou-action-plan.txt",
  luodianReport: "003-luodian-report-2020.txt",
  xialuDivision: "004-xialu-division.txt",
} as const;

export function readSeed(name: keyof typeof SEEDS): string {
  return fs.readFileSync(path.resolve(import.meta.dirname, "../../fixtures/seeds", SEEDS[name]), "utf8");
}
