import { expect, test } from "@playwright/test";

test("pages carry the security headers, with a fresh script nonce per request", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const headers = first.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const csp = headers["content-security-policy"]!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const nonce = (value: string) => /'nonce-([^']+)'/.exec(value)?.[1];
  expect(nonce(csp)).toBeTruthy();
  expect(nonce(second.headers()["content-security-policy"]!)).not.toBe(nonce(csp));
  // Next put the nonce on its own scripts, so the page runs under the policy.
  expect(await first.text()).toContain(`nonce="${nonce(csp)}"`);
});

test("without a session, pages redirect to the login page; the health check stays open", async ({ request }) => {
  const page = await request.get("/users", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers()["location"]).toContain("/login?callbackUrl=%2Fusers");
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
});
