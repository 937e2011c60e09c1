import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

// Every page but the public ones needs a session. The check here is only the
// cookie's signature; pages, routes and actions check the server-side session
// and load the user from the database again (lib/auth/session.ts), so an ended
// session or a deactivated account stops at once.

// /public: published reports and aggregate figures for anyone (lib/public/queries.ts).
// The web app manifest and its icons: a phone fetches them without the session cookie.
const PUBLIC_PATHS = [
  /^\/login$/,
  /^\/api\/auth\//,
  // Probes and the metrics scrape: no session; /api/metrics checks its own token.
  /^\/api\/(?:health|ready|metrics)$/,
  // The read API: each request carries its own token (lib/api/auth.ts), not a session.
  /^\/api\/v1\//,
  /^\/public(?:\/|$)/,
  /^\/manifest\.webmanifest$/,
  /^\/icons\/[\w.-]+\.(?:png|svg)$/,
];

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and Next set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
  if (!isPublic) {
    const token = await getToken({ req: request, secret: process.env.AUTH_SECRET });
    if (!token) {
      if (pathname.startsWith("/api/")) {
        return NextResponse.json({ error: "未登录" }, { status: 401 });
      }
      const login = new URL("/login", request.url);
      if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
      return NextResponse.redirect(login);
    }
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
