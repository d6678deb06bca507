import { beforeEach, describe, expect, it } from "vitest";
import { createApi } from "@/lib/api";
import { ApiError } from "@/lib/api/problem";
import { REFRESH_TOKEN_KEY, type LockRunner } from "@/lib/api/http";
import { sessionEndedMessage } from "@/lib/errors";
import { FakeBackend, json, MemoryStorage, problem, user } from "./fake-server";

const BASE = "http://api.test";

describe("API client session", () => {
  let backend: FakeBackend;
  let storage: MemoryStorage;
  let now: number;

  const make = (lock?: LockRunner) => createApi({ baseUrl: BASE, fetch: backend.fetch, storage, now: () => now, lock });

  beforeEach(() => {
    backend = new FakeBackend();
    storage = new MemoryStorage();
    now = 1_000_000;
    backend.on("POST", "/api/auth/login", () => json(200, backend.issue()));
    backend.on("GET", "/api/rooms", () => json(200, { items: [], nextCursor: null }));
    backend.on("POST", "/api/auth/logout", () => json(204, undefined));
  });

  it("keeps the refresh token in storage and the access token only in memory", async () => {
    const api = make();
    await api.auth.login({ username: "alice", password: "pw" });
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe("rt-1");
    expect([...storage.map.values()].join()).not.toContain("at-1");
    expect(api.http.getSession()).toEqual({ status: "authenticated", user });
    await api.rooms.list();
    expect(backend.calls.at(-1)?.auth).toBe("Bearer at-1");
  });

  it("refreshes once for many concurrent requests after the access token expired", async () => {
    const api = make();
    await api.auth.login({ username: "alice", password: "pw" });
    backend.expireAccessTokens();
    backend.refreshDelayMs = 20;
    await Promise.all([api.rooms.list(), api.rooms.list(), api.rooms.list(), api.rooms.list()]);
    expect(backend.refreshCalls()).toHaveLength(1);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe("rt-2");
    expect(backend.calls.filter((c) => c.path === "/api/rooms" && c.auth === "Bearer at-2")).toHaveLength(4);
  });

  it("refreshes before sending when the access token is about to expire", async () => {
    const api = make();
    await api.auth.login({ username: "alice", password: "pw" });
    now += 890_000; // 10 s before the 900 s lifetime ends
    await api.rooms.list();
    expect(backend.refreshCalls()).toHaveLength(1);
    expect(backend.calls.filter((c) => c.path === "/api/rooms").map((c) => c.auth)).toEqual(["Bearer at-2"]);
  });

  it("a reload restores the login from the stored refresh token", async () => {
    await make().auth.login({ username: "alice", password: "pw" });
    const reloaded = make();
    expect(reloaded.http.getSession().status).toBe("unknown");
    await expect(reloaded.http.restore()).resolves.toBe("authenticated");
    expect(reloaded.http.getSession().user).toEqual(user);
    await reloaded.rooms.list();
    expect(backend.calls.at(-1)?.auth).toBe("Bearer at-2");
  });

  it("restores to anonymous without a stored login, and to unreachable while offline", async () => {
    expect(await make().http.restore()).toBe("anonymous");
    storage.setItem(REFRESH_TOKEN_KEY, "rt-x");
    const offline = createApi({ baseUrl: BASE, storage, fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
    expect(await offline.http.restore()).toBe("unreachable");
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe("rt-x");
  });

  it("ends the session when the refresh token was reused", async () => {
    const api = make();
    await api.auth.login({ username: "alice", password: "pw" });
    backend.usedRefresh.add("rt-1");
    backend.validRefresh.delete("rt-1");
    backend.expireAccessTokens();
    const error = await api.rooms.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("REFRESH_TOKEN_REUSED");
    expect(api.http.getSession().status).toBe("anonymous");
    expect(api.http.getSession().ended).toBe("REFRESH_TOKEN_REUSED");
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it("remembers why a revoked session ended, for the login page", async () => {
    const api = make();
    await api.auth.login({ username: "alice", password: "pw" });
    backend.validRefresh.delete("rt-1");
    const reloaded = make();
    await expect(reloaded.http.restore()).resolves.toBe("anonymous");
    expect(reloaded.http.getSession().ended).toBeTruthy();
    expect(sessionEndedMessage(reloaded.http.getSession().ended!)).toContain("Your session has ended");
  });

  it("reads the refresh token inside the lock, so a token rotated by another tab is not reused", async () => {
    const otherTab = make();
    await otherTab.auth.login({ username: "alice", password: "pw" });
    const thisTab = make(async (_name, task) => {
      await otherTab.http.refresh(); // the other tab rotates rt-1 -> rt-2 while this one waits
      return task();
    });
    await thisTab.http.restore();
    expect(backend.refreshCalls().map((c) => (c.body as { refreshToken: string }).refreshToken)).toEqual(["rt-1", "rt-2"]);
    expect(thisTab.http.getSession().status).toBe("authenticated");
  });

  it("ends the session when the account was deactivated elsewhere", async () => {
    const api = make();
    await api.auth.login({ username: "alice", password: "pw" });
    backend.on("GET", "/api/rooms", () => problem(403, "ACCOUNT_DEACTIVATED"));
    await expect(api.rooms.list()).rejects.toMatchObject({ code: "ACCOUNT_DEACTIVATED" });
    expect(api.http.getSession()).toMatchObject({ status: "anonymous", ended: "ACCOUNT_DEACTIVATED" });
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it("ends the session without trying a refresh when its login was ended elsewhere", async () => {
    const api = make();
    await api.auth.login({ username: "alice", password: "pw" });
    backend.on("GET", "/api/rooms", () => problem(401, "LOGIN_ENDED"));
    await expect(api.rooms.list()).rejects.toMatchObject({ code: "LOGIN_ENDED" });
    expect(api.http.getSession()).toMatchObject({ status: "anonymous", ended: "LOGIN_ENDED" });
    expect(backend.refreshCalls()).toHaveLength(0);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it("logs out on the server with the refresh token and forgets the session even if that fails", async () => {
    const api = make();
    await api.auth.login({ username: "alice", password: "pw" });
    await api.auth.logout();
    expect(api.http.getSession().ended ?? null).toBeNull(); // logging out here needs no explanation
    expect(backend.calls.at(-1)).toMatchObject({ method: "POST", path: "/api/auth/logout", body: { refreshToken: "rt-1" }, auth: "Bearer at-1" });
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();

    await api.auth.login({ username: "alice", password: "pw" });
    backend.on("POST", "/api/auth/logout", () => problem(500, "INTERNAL_ERROR"));
    await expect(api.auth.logout()).rejects.toBeInstanceOf(ApiError);
    expect(api.http.getSession().status).toBe("anonymous");
  });
});

describe("API client errors", () => {
  const withResponse = (response: Response | Error) =>
    createApi({
      baseUrl: BASE,
      fetch: () => (response instanceof Error ? Promise.reject(response) : Promise.resolve(response)),
    });

  it("carries the problem code, detail and field errors", async () => {
    const api = withResponse(problem(400, "VALIDATION_FAILED", { errors: [{ field: "password", message: "size must be between 8 and 128" }] }));
    const error = (await api.auth.register({ username: "a", email: "e", password: "p" }).catch((e) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fieldErrors).toEqual([{ field: "password", message: "size must be between 8 and 128" }]);
  });

  it("reads Retry-After on 429", async () => {
    const api = withResponse(problem(429, "RATE_LIMITED", {}, { "Retry-After": "7" }));
    const error = (await api.auth.login({ username: "a", password: "b" }).catch((e) => e)) as ApiError;
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.transient).toBe(true);
  });

  it("names failures without a problem body by status, and network failures NETWORK_ERROR", async () => {
    const gateway = (await withResponse(new Response("<html>bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }))
      .auth.login({ username: "a", password: "b" })
      .catch((e) => e)) as ApiError;
    expect(gateway.code).toBe("INTERNAL_ERROR");
    const offline = (await withResponse(new TypeError("Failed to fetch")).auth.login({ username: "a", password: "b" }).catch((e) => e)) as ApiError;
    expect(offline.code).toBe("NETWORK_ERROR");
    expect(offline.status).toBe(0);
    expect(offline.transient).toBe(true);
  });

  it("builds query strings and leaves out absent cursors", async () => {
    const seen: string[] = [];
    const backend = new FakeBackend();
    const api = createApi({
      baseUrl: `${BASE}/`,
      fetch: (input, init) => {
        seen.push(String(input));
        return backend.fetch(input, init);
      },
      storage: new MemoryStorage(),
    });
    backend.on("POST", "/api/auth/login", () => json(200, backend.issue()));
    backend.on("GET", "/api/rooms/r%201/messages", () => json(200, { items: [], nextCursor: null }));
    await api.auth.login({ username: "a", password: "b" });
    await api.messages.page("r 1", { before: 40, limit: 50 });
    await api.messages.page("r 1");
    expect(seen.slice(-2)).toEqual([`${BASE}/api/rooms/r%201/messages?before=40&limit=50`, `${BASE}/api/rooms/r%201/messages`]);
  });
});
