import { notFound, permanentRedirect, redirect } from "next/navigation";
import { describe, expect, it } from "vitest";
import { metrics, statusOfThrown, withRouteMetrics } from "@/lib/ops/metrics.ts";

function thrown(fn: () => never): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("statusOfThrown", () => {
  it.each([
    ["notFound()", thrown(() => notFound()), 404],
    ["redirect()", thrown(() => redirect("/login")), 307],
    ["permanentRedirect()", thrown(() => permanentRedirect("/login")), 308],
    ["an ordinary error", new Error("boom"), 500],
    ["a thrown string", "boom", 500],
    ["null", null, 500],
  ])("%s → %i", (_name, error, status) => {
    expect(statusOfThrown(error)).toBe(status);
  });
});

describe("withRouteMetrics", () => {
  it("observes the route pattern with the answer's status, and passes arguments, answers and errors through", async () => {
    const GET = withRouteMetrics("/things/[id]", async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
      const { id } = await params;
      if (id === "missing") notFound();
      return new Response(`${request.method} ${id}`, { status: 201 });
    });
    const answer = await GET(new Request("http://localhost/things/7"), { params: Promise.resolve({ id: "7" }) });
    expect(await answer.text()).toBe("GET 7");
    await expect(GET(new Request("http://localhost/things/missing"), { params: Promise.resolve({ id: "missing" }) })).rejects.toMatchObject(
      {
        digest: expect.stringContaining("404"),
      },
    );

    const text = await metrics().registry.metrics();
    expect(text).toMatch(/fazhi_http_request_duration_seconds_count\{method="GET",route="\/things\/\[id\]",status="201"\} 1/);
    expect(text).toMatch(/fazhi_http_request_duration_seconds_count\{method="GET",route="\/things\/\[id\]",status="404"\} 1/);
    expect(text).not.toContain('route="/things/7"');
  });
});
