import type { AuthResponse, UserProfile } from "@/lib/api/types";
import type { KeyValueStorage } from "@/lib/api/http";

export class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

export const user: UserProfile = {
  id: "u-1",
  username: "alice",
  email: "alice@example.org",
  displayName: "Alice",
  role: "USER",
  active: true,
  createdAt: "2026-01-01T00:00:00Z",
  lastLoginAt: null,
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return json(status, { type: `urn:eventchat:problem:${code.toLowerCase()}`, title: "x", status, detail: `${code} detail`, code, ...extra }, headers);
}

export interface Call {
  method: string;
  path: string;
  auth: string | null;
  body: unknown;
}

/**
 * A scripted backend that behaves like the real one where the client depends on it: refresh tokens
 * rotate, a rotated token presented again is REFRESH_TOKEN_REUSED, expired access tokens get 401.
 */
export class FakeBackend {
  calls: Call[] = [];
  private counter = 0;
  validRefresh = new Set<string>();
  usedRefresh = new Set<string>();
  validAccess = new Set<string>();
  routes = new Map<string, (call: Call) => Response | Promise<Response>>();
  refreshDelayMs = 0;

  issue(): AuthResponse {
    this.counter += 1;
    const auth: AuthResponse = {
      user,
      accessToken: `at-${this.counter}`,
      refreshToken: `rt-${this.counter}`,
      tokenType: "Bearer",
      expiresIn: 900,
    };
    this.validAccess.add(auth.accessToken);
    this.validRefresh.add(auth.refreshToken);
    return auth;
  }

  expireAccessTokens() {
    this.validAccess.clear();
  }

  on(method: string, path: string, handler: (call: Call) => Response | Promise<Response>) {
    this.routes.set(`${method} ${path}`, handler);
  }

  refreshCalls() {
    return this.calls.filter((c) => c.path === "/api/auth/refresh");
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call: Call = {
      method: init?.method ?? "GET",
      path: url.pathname + url.search,
      auth: headers.Authorization ?? null,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    this.calls.push(call);
    if (call.path === "/api/auth/refresh") {
      if (this.refreshDelayMs) await new Promise((r) => setTimeout(r, this.refreshDelayMs));
      const token = (call.body as { refreshToken: string }).refreshToken;
      if (this.usedRefresh.has(token)) {
        this.validRefresh.clear();
        return problem(401, "REFRESH_TOKEN_REUSED");
      }
      if (!this.validRefresh.has(token)) return problem(401, "INVALID_REFRESH_TOKEN");
      this.validRefresh.delete(token);
      this.usedRefresh.add(token);
      return json(200, this.issue());
    }
    const route = this.routes.get(`${call.method} ${url.pathname}`);
    if (!route) return problem(404, "NOT_FOUND");
    const needsAuth = !url.pathname.startsWith("/api/auth/") || url.pathname === "/api/auth/logout";
    if (needsAuth) {
      const token = call.auth?.replace(/^Bearer /, "");
      if (!token) return problem(401, "UNAUTHENTICATED");
      if (!this.validAccess.has(token)) return problem(401, "TOKEN_EXPIRED");
    }
    return route(call);
  };
}
