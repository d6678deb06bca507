import { ApiError, networkError, problemFromResponse } from "./problem";
import type { AuthResponse, UserProfile } from "./types";

/** The subset of Web Storage the client needs; `localStorage` in the browser, a map in tests. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Runs `task` while holding a named lock; the browser's Web Locks make refresh single-flight across tabs. */
export type LockRunner = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export type SessionStatus = "unknown" | "authenticated" | "anonymous" | "unreachable";

export interface SessionSnapshot {
  status: SessionStatus;
  user: UserProfile | null;
  /** Why the last session ended without its owner logging out here (a problem code, or LOGGED_OUT_ELSEWHERE). */
  ended?: string | null;
}

export interface HttpOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  storage?: KeyValueStorage | null;
  now?: () => number;
  lock?: LockRunner;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Send the bearer token (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

export const REFRESH_TOKEN_KEY = "eventchat.refreshToken";
const REFRESH_LOCK = "eventchat.refresh";
/** Refresh this long before the access token expires, so requests never race its expiry. */
const EXPIRY_MARGIN_MS = 20_000;
const RETRYABLE_401 = new Set(["TOKEN_EXPIRED", "INVALID_TOKEN", "UNAUTHENTICATED"]);
/** Answers after which this login is over for good. */
const ENDED = new Set(["ACCOUNT_DEACTIVATED", "LOGIN_ENDED"]);

const inProcessLock: LockRunner = (_name, task) => task();

/**
 * HTTP transport plus the login session: the access token lives only in memory, the rotating refresh
 * token in storage so a reload stays logged in. Refresh is single-flight: concurrent callers share one
 * in-flight refresh, because presenting a rotated refresh token twice revokes the whole login.
 */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: KeyValueStorage | null;
  private readonly now: () => number;
  private readonly lock: LockRunner;
  private accessToken: string | null = null;
  private accessExpiresAt = 0;
  private refreshing: Promise<void> | null = null;
  private snapshot: SessionSnapshot = { status: "unknown", user: null };
  private readonly listeners = new Set<() => void>();

  constructor(options: HttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = options.storage ?? null;
    this.now = options.now ?? Date.now;
    this.lock = options.lock ?? inProcessLock;
  }

  getSession(): SessionSnapshot {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hasStoredLogin(): boolean {
    return Boolean(this.storage?.getItem(REFRESH_TOKEN_KEY));
  }

  /** Stores the tokens of a register, login or refresh answer. */
  acceptAuth(auth: AuthResponse): UserProfile {
    this.accessToken = auth.accessToken;
    this.accessExpiresAt = this.now() + auth.expiresIn * 1000;
    this.storage?.setItem(REFRESH_TOKEN_KEY, auth.refreshToken);
    this.setSnapshot({ status: "authenticated", user: auth.user });
    return auth.user;
  }

  updateUser(user: UserProfile): void {
    if (this.snapshot.status === "authenticated") this.setSnapshot({ status: "authenticated", user });
  }

  /**
   * Forgets the login locally: a logout here (no reason), or a session the server ended (revoked, expired,
   * deactivated) or another tab logged out, whose `reason` the login page tells the person.
   */
  clearSession(reason: string | null = null): void {
    this.accessToken = null;
    this.accessExpiresAt = 0;
    this.storage?.removeItem(REFRESH_TOKEN_KEY);
    this.setSnapshot({ status: "anonymous", user: null, ended: reason });
  }

  /** Picks up a login persisted by an earlier page load; resolves to the resulting status. */
  async restore(): Promise<SessionStatus> {
    if (!this.hasStoredLogin()) {
      this.setSnapshot({ status: "anonymous", user: null });
      return "anonymous";
    }
    try {
      await this.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) this.setSnapshot({ status: "unreachable", user: null });
    }
    return this.snapshot.status;
  }

  /** Exchanges the stored refresh token for a new pair; at most one exchange runs at a time. */
  refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.lock(REFRESH_LOCK, () => this.exchangeRefreshToken()).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  currentRefreshToken(): string | null {
    return this.storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
  }

  /** A current access token, refreshed first when it is about to expire; for the WebSocket's CONNECT. */
  freshAccessToken(): Promise<string> {
    return this.validAccessToken();
  }

  /** The server refused `token` (e.g. a WebSocket CONNECT): the next `freshAccessToken()` refreshes first. */
  expireAccessToken(token: string): void {
    if (this.accessToken === token) this.accessExpiresAt = 0;
  }

  /** GETs bytes that need the bearer token (attachment content), refreshing once on an expired token. */
  async download(path: string, signal?: AbortSignal): Promise<Blob> {
    const attempt = async (token: string) => {
      let response: Response;
      try {
        response = await this.fetchImpl(this.url(path, undefined), { headers: { Authorization: `Bearer ${token}` }, signal, cache: "no-store" });
      } catch (cause) {
        if (signal?.aborted) throw cause;
        throw networkError(cause);
      }
      if (!response.ok) throw await problemFromResponse(response);
      return response.blob();
    };
    const token = await this.validAccessToken();
    try {
      return await attempt(token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || !RETRYABLE_401.has(error.code)) throw error;
      this.expireAccessToken(token);
      return attempt(await this.validAccessToken());
    }
  }

  /** Absolute URL of an API path (for transports other than fetch, e.g. an upload with progress). */
  urlOf(path: string): string {
    return this.url(path, undefined);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    if (!auth) return this.send<T>(method, path, options, null);
    const token = await this.validAccessToken();
    try {
      return await this.send<T>(method, path, options, token);
    } catch (error) {
      // Deactivated elsewhere (by the person on another device, or by an admin), or this login ended (logged out
      // elsewhere, the password changed, its refresh token replayed): over, no refresh can bring it back.
      if (error instanceof ApiError && ENDED.has(error.code)) this.clearSession(error.code);
      if (!(error instanceof ApiError) || error.status !== 401 || !RETRYABLE_401.has(error.code)) throw error;
      if (this.accessToken === token) {
        this.accessExpiresAt = 0;
        await this.refresh();
      }
      try {
        return await this.send<T>(method, path, options, await this.validAccessToken());
      } catch (retryError) {
        if (retryError instanceof ApiError && retryError.status === 401) this.clearSession(retryError.code);
        throw retryError;
      }
    }
  }

  private async validAccessToken(): Promise<string> {
    if (!this.accessToken || this.now() >= this.accessExpiresAt - EXPIRY_MARGIN_MS) await this.refresh();
    if (!this.accessToken) throw new ApiError({ status: 401, code: "UNAUTHENTICATED", detail: "Not logged in." });
    return this.accessToken;
  }

  private async exchangeRefreshToken(): Promise<void> {
    // Read inside the lock: another tab may have rotated the token while this one waited.
    const refreshToken = this.currentRefreshToken();
    if (!refreshToken) {
      this.clearSession(this.snapshot.ended ?? null);
      throw new ApiError({ status: 401, code: "INVALID_REFRESH_TOKEN", detail: "Not logged in." });
    }
    try {
      const auth = await this.send<AuthResponse>("POST", "/api/auth/refresh", { body: { refreshToken } }, null);
      this.acceptAuth(auth);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) this.clearSession(error.code);
      throw error;
    }
  }

  private async send<T>(method: string, path: string, options: RequestOptions, token: string | null): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
        cache: "no-store",
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw networkError(cause);
    }
    if (!response.ok) throw await problemFromResponse(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private url(path: string, query: RequestOptions["query"]): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) params.set(key, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ""}`;
  }

  private setSnapshot(next: SessionSnapshot): void {
    if (next.status === this.snapshot.status && next.user === this.snapshot.user && (next.ended ?? null) === (this.snapshot.ended ?? null)) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
