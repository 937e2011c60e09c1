/**
 * Where to send the browser after sign-in: the requested target if it resolves
 * to the app's own origin, else home. Resolving with the URL parser, as the
 * browser will, catches what prefix checks miss: `/\evil`, `/%5Cevil` once
 * decoded, a tab in `/\t/evil`, `//evil`, `javascript:`. The answer is a path,
 * never starting with `//`, so the browser cannot read it as another host.
 */
export function safeRedirectTarget(target: string | null | undefined, appOrigin: string): string {
  if (!target) return "/";
  let url: URL;
  try {
    url = new URL(target, appOrigin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(appOrigin).origin) return "/";
  // `/.//evil` resolves to the path `//evil`, a host to the browser.
  return url.pathname.replace(/^\/+/, "/") + url.search + url.hash;
}
