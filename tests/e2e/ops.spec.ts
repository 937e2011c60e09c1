import { expect, test } from "@playwright/test";
import { E2E_METRICS_TOKEN, signIn } from "./helpers.ts";

// The probes and the metrics scrape on the production server started by
// `npm start`: open to the proxy without a session, never cached, and the
// figures of the real request paths (route handlers, pages, a server action posted by
// the browser, the reminder job run by start.ts in its own process).

test("the readiness check is open and answers ready", async ({ request }) => {
  const first = await request.get("/api/ready");
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ status: "ready", failed: [] });
  expect(first.headers()["cache-control"]).toContain("no-store");
});

test("metrics refuse a scrape without the token or with a wrong one", async ({ request }) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  const wrong = await request.get("/api/metrics", { headers: { Authorization: "Bearer not-the-token" } });
  expect(wrong.status()).toBe(401);
  expect(await wrong.text()).not.toContain("fazhi_");
});

test("metrics with the token show route, server-action and job latencies and the pool", async ({ page, request }) => {
  const auth = { Authorization: `Bearer ${E2E_METRICS_TOKEN}` };
  await request.get("/api/ready");
  // A server action posted from the browser: 长者模式's switch (updateDisplayPreferences).
  await signIn(page, "admin");
  await page.goto("/users");
  const toggle = page.getByRole("banner").getByRole("button", { name: "长者模式" });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(toggle).toBeEnabled();
  await page.screenshot({ path: "test-results/screenshots/ops-action-1366.png", fullPage: false });
  // Back as it was, for the specs after this one.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(toggle).toBeEnabled();

  const scrape = async () => {
    const response = await request.get("/api/metrics", { headers: auth });
    expect(response.status()).toBe(200);
    return response.text();
  };
  const text = await scrape();
  expect(text).toMatch(/fazhi_http_request_duration_seconds_count\{method="GET",route="\/api\/ready",status="200"\} [1-9]/);
  expect(text).toMatch(
    /fazhi_http_request_duration_seconds_count\{method="POST",route="\/api\/auth\/\[\.\.\.nextauth\]",status="\d{3}"\} [1-9]/,
  );
  expect(text).toMatch(/fazhi_server_action_duration_seconds_count\{action="updateDisplayPreferences",outcome="ok"\} [2-9]/);
  // Pages, timed per request by the server's preload: the list opened, and the action posted to it.
  expect(text).toMatch(/fazhi_page_request_duration_seconds_count\{method="GET",route="\/users",status="200"\} [1-9]/);
  expect(text).toMatch(/fazhi_page_request_duration_seconds_count\{method="POST",route="\/users",status="200"\} [1-9]/);
  expect(text).not.toMatch(/fazhi_page_request_duration_seconds_count\{[^}]*route="\/users\/\d/);
  expect(text).toMatch(/fazhi_db_pool_connections\{state="total"\} [1-9]/);
  // The reminder job ran at start in start.ts's process; its figure came over IPC.
  await expect.poll(scrape).toMatch(/fazhi_job_duration_seconds_count\{job="reminders",outcome="ok"\} [1-9]/);
});
