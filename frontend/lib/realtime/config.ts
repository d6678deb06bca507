/**
 * Where the STOMP endpoint lives. An explicit URL wins (`NEXT_PUBLIC_WS_URL`); otherwise it is derived
 * from the API's base URL (`http://host:8080` -> `ws://host:8080/ws`), because the browser talks to the
 * backend directly (CORS) rather than through a Next.js proxy, and Next rewrites do not carry WebSockets.
 * A relative API URL is resolved against the page's own origin.
 */
export function websocketUrl(apiUrl: string, explicit?: string | null, pageOrigin?: string | null): string {
  if (explicit && explicit.trim()) return explicit.trim();
  const base = apiUrl.trim() || "/";
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(base) ? base : `${(pageOrigin ?? "http://localhost").replace(/\/+$/, "")}/${base.replace(/^\/+/, "")}`;
  const url = new URL(absolute);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/ws`;
  url.search = "";
  url.hash = "";
  return url.toString();
}
