import { spawn } from "node:child_process";
import path from "node:path";

// `npm run cli -- …` as an operator runs it, from the project's root: its exit
// status and everything it wrote, stdout and stderr apart.

const root = path.resolve(import.meta.dirname, "../..");

export type CliRun = { status: number | null; stdout: string; stderr: string };

/** scripts/cli.ts with these arguments, in the test's environment plus `env`. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
