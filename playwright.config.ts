import { defineConfig } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "./tests/e2e/helpers.ts";

// End-to-end tests drive the production build, started exactly as a user
// would (`npm start`), on its own port and a fresh embedded database.
// E2E_PORT / E2E_PG_PORT / E2E_DATA_DIR let a second copy of the tree run beside this one.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const PG_PORT = process.env.E2E_PG_PORT ?? "54339";
const DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1366, height: 768 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
    },
  },
  webServer: {
    command: `rm -rf ${DATA_DIR} && npx tsx scripts/start.ts start`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 20_000 },
    env: {
      PORT: String(PORT),
      DATA_DIR,
      EMBEDDED_PG_PORT: PG_PORT,
      DATABASE_URL: "",
      METRICS_TOKEN: E2E_METRICS_TOKEN,
    },
  },
});
