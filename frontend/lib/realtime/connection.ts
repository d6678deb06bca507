import { Client, type IFrame, type IStompSocket, type StompSubscription } from "@stomp/stompjs";
import { ApiError } from "../api/problem";

/**
 * `connecting` until the first CONNECTED, `live` while connected, `reconnecting` after a connection was lost,
 * `ended` when the login is over (no token to connect with), `idle` when stopped.
 */
export type ConnectionStatus = "idle" | "connecting" | "live" | "reconnecting" | "ended";

/** Why the server refused something: the stable code of its ERROR frame and the rest of its message. */
export interface StompRefusal {
  code: string;
  detail: string;
}

export interface SubscriptionHandler {
  /** SUBSCRIBE headers, computed at every (re)subscribe, so `since-seq` can carry the last seq seen. */
  headers?: () => Record<string, string>;
  message: (body: unknown) => void;
  /** The server refused this subscription; it is dropped and not tried again. */
  refused?: (refusal: StompRefusal) => void;
}

/** What the rest of the app needs from the connection (a fake in unit tests). */
export interface RealtimeChannel {
  getStatus(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  subscribe(destination: string, handler: SubscriptionHandler): () => void;
  /** SENDs a JSON body; false (nothing sent) while not connected. */
  publish(destination: string, body: unknown): boolean;
}

export interface ConnectionOptions {
  url: string;
  /** A valid access token; an ApiError with status 401 means the login is over. */
  token: () => Promise<string>;
  /** The server refused this token at CONNECT: the next `token()` should refresh. */
  tokenRejected?: (token: string) => void;
  webSocketFactory?: () => IStompSocket;
  heartbeatMs?: number;
  connectTimeoutMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const AUTH_CODES = new Set(["INVALID_TOKEN", "TOKEN_EXPIRED", "UNAUTHENTICATED", "LOGIN_ENDED"]);
/** Refusals that will not change by trying again: the subscription is given up. */
const FINAL_REFUSALS = new Set(["NOT_A_PARTICIPANT", "ROOM_NOT_FOUND", "FORBIDDEN"]);

/** Reads `CODE: detail` from an ERROR frame (STOMP 1.2 escapes ':' in headers as `\c`). */
export function parseStompError(frame: Pick<IFrame, "headers" | "body">): StompRefusal {
  const text = (frame.headers.message ?? frame.body ?? "").replace(/\\c/g, ":").trim();
  const match = /^([A-Z][A-Z0-9_]+)\s*:\s*([\s\S]*)$/.exec(text);
  return match ? { code: match[1]!, detail: match[2]!.trim() } : { code: "STOMP_ERROR", detail: text };
}

/** Whether an ERROR's text names this destination (Spring's ERROR frames carry no subscription id). */
function names(detail: string, destination: string): boolean {
  const last = destination.split("/").pop() ?? "";
  return detail.includes(destination) || (last.length >= 8 && detail.includes(last));
}

interface Entry {
  destination: string;
  handler: SubscriptionHandler;
  stomp: StompSubscription | null;
}

/**
 * One STOMP-over-WebSocket connection per page, shared by every subscription. Each attempt connects with a
 * fresh access token (`Authorization: Bearer` in CONNECT); a lost connection is retried with exponential
 * backoff (with jitter) and all subscriptions are renewed, each with headers computed anew.
 */
export class RealtimeConnection implements RealtimeChannel {
  private readonly options: ConnectionOptions;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly entries = new Map<number, Entry>();
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();
  private status: ConnectionStatus = "idle";
  private client: Client | null = null;
  private token: string | null = null;
  private running = false;
  private everLive = false;
  private attempt = 0;
  private failures = 0;
  private timer: unknown = null;
  private nextId = 1;

  constructor(options: ConnectionOptions) {
    this.options = options;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  getStatus(): ConnectionStatus {
    return this.status;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.everLive = false;
    this.attempt += 1;
    this.cancelTimer();
    this.dropClient();
    this.setStatus("idle");
  }

  /** Try now instead of waiting out the backoff (the browser came back online, the tab came to the front). */
  nudge(): void {
    if (!this.running || this.timer === null) return;
    this.cancelTimer();
    void this.connect();
  }

  subscribe(destination: string, handler: SubscriptionHandler): () => void {
    const id = this.nextId++;
    const entry: Entry = { destination, handler, stomp: null };
    this.entries.set(id, entry);
    if (this.status === "live") this.attach(entry);
    return () => {
      this.entries.delete(id);
      this.detach(entry);
    };
  }

  publish(destination: string, body: unknown): boolean {
    if (this.status !== "live" || !this.client?.connected) return false;
    this.client.publish({ destination, body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    return true;
  }

  private async connect(): Promise<void> {
    this.timer = null;
    const attempt = ++this.attempt;
    this.setStatus(this.everLive ? "reconnecting" : "connecting");
    let token: string;
    try {
      token = await this.options.token();
    } catch (error) {
      if (attempt !== this.attempt) return;
      if (error instanceof ApiError && error.status === 401) {
        this.running = false;
        this.setStatus("ended");
        return;
      }
      this.retry();
      return;
    }
    if (attempt !== this.attempt) return;
    this.token = token;
    const heartbeat = this.options.heartbeatMs ?? 10_000;
    const client = new Client({
      ...(this.options.webSocketFactory ? { webSocketFactory: this.options.webSocketFactory } : { brokerURL: this.options.url }),
      connectHeaders: { Authorization: `Bearer ${token}` },
      reconnectDelay: 0,
      heartbeatIncoming: heartbeat,
      heartbeatOutgoing: heartbeat,
      connectionTimeout: this.options.connectTimeoutMs ?? 10_000,
      debug: () => undefined,
    });
    const current = () => attempt === this.attempt && this.client === client;
    client.onConnect = () => {
      if (!current()) return;
      this.failures = 0;
      this.everLive = true;
      this.setStatus("live");
      for (const entry of this.entries.values()) this.attach(entry);
    };
    client.onStompError = (frame) => {
      if (current()) this.refused(parseStompError(frame));
    };
    client.onWebSocketClose = () => {
      if (!current()) return;
      this.dropClient();
      this.retry();
    };
    this.client = client;
    client.activate();
  }

  private refused(refusal: StompRefusal): void {
    if (AUTH_CODES.has(refusal.code)) {
      if (this.token) this.options.tokenRejected?.(this.token);
      return;
    }
    if (!FINAL_REFUSALS.has(refusal.code)) return;
    for (const [id, entry] of this.entries) {
      if (!names(refusal.detail, entry.destination)) continue;
      this.entries.delete(id);
      entry.stomp = null;
      entry.handler.refused?.(refusal);
    }
  }

  private retry(): void {
    if (!this.running) return;
    this.setStatus(this.everLive ? "reconnecting" : "connecting");
    const min = this.options.minBackoffMs ?? 1000;
    const max = this.options.maxBackoffMs ?? 30_000;
    const base = Math.min(max, min * 2 ** this.failures);
    const jitter = 0.75 + 0.5 * (this.options.random ?? Math.random)();
    this.failures += 1;
    this.timer = this.setTimer(() => void this.connect(), Math.round(base * jitter));
  }

  private attach(entry: Entry): void {
    const client = this.client;
    if (!client || entry.stomp) return;
    entry.stomp = client.subscribe(
      entry.destination,
      (message) => {
        let body: unknown;
        try {
          body = JSON.parse(message.body);
        } catch {
          return;
        }
        entry.handler.message(body);
      },
      entry.handler.headers?.() ?? {},
    );
  }

  private detach(entry: Entry): void {
    const stomp = entry.stomp;
    entry.stomp = null;
    if (!stomp || !this.client?.connected) return;
    try {
      stomp.unsubscribe();
    } catch {
      // The socket closed meanwhile; nothing to undo on the server.
    }
  }

  private dropClient(): void {
    for (const entry of this.entries.values()) entry.stomp = null;
    const client = this.client;
    this.client = null;
    if (client) void client.deactivate().catch(() => undefined);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}
