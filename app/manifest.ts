import type { MetadataRoute } from "next";

// Served at /manifest.webmanifest (Next links it from every page), so the app
// can be added to a phone's home screen. proxy.ts lets it and the icons through
// without a session: the browser fetches them without cookies.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "法治任务通",
    short_name: "法治任务通",
    description: "法治政府建设规划任务分工、进展报送与年度报告管理",
    lang: "zh-CN",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#103761",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
}
