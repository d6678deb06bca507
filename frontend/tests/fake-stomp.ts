import type { IStompSocket } from "@stomp/stompjs";

/** A STOMP frame as it went over the wire. */
export interface WireFrame {
  command: string;
  headers: Record<string, string>;
  body: string;
}

export function parseWire(data: string): WireFrame[] {
  return data
    .split("\0")
    .map((chunk) => chunk.replace(/^\n+/, ""))
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => {
      const split = chunk.indexOf("\n\n");
      const head = split < 0 ? chunk : chunk.slice(0, split);
      const body = split < 0 ? "" : chunk.slice(split + 2);
      const [command, ...lines] = head.split("\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        if (colon > 0 && !(line.slice(0, colon) in headers)) headers[line.slice(0, colon)] = line.slice(colon + 1);
      }
      return { command: command!, headers, body };
    });
}

function wire(command: string, headers: Record<string, string>, body = ""): string {
  return `${command}\n${Object.entries(headers).map(([k, v]) => `${k}:${v}`).join("\n")}\n\n${body}\0`;
}

/**
 * One fake WebSocket speaking STOMP 1.2 the way the backend does: CONNECTED for an accepted token, ERROR
 * and close otherwise; MESSAGE frames to active subscriptions on demand. Driven by the real stompjs client.
 */
export class FakeSocket implements IStompSocket {
  url = "ws://fake/ws";
  binaryType = "arraybuffer";
  readyState = 0;
  onclose: ((ev?: unknown) => unknown) | null | undefined = null;
  onerror: ((ev: unknown) => unknown) | null | undefined = null;
  onmessage: ((ev: unknown) => unknown) | null | undefined = null;
  onopen: ((ev?: unknown) => unknown) | null | undefined = null;
  readonly received: WireFrame[] = [];
  /** Active subscriptions: id -> destination. */
  readonly subscriptions = new Map<string, string>();
  private messageId = 0;

  constructor(private readonly server: FakeStompServer) {}

  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    const text = typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer);
    for (const frame of parseWire(text)) {
      this.received.push(frame);
      this.handle(frame);
    }
  }

  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code: 1000, reason: "", wasClean: true }));
  }

  /** The network went away under the client. */
  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: "", wasClean: false });
  }

  deliver(frame: string): void {
    this.onmessage?.({ data: frame });
  }

  /** A MESSAGE to every subscription on `destination`. */
  push(destination: string, body: unknown): void {
    for (const [id, dest] of this.subscriptions) {
      if (dest !== destination) continue;
      this.messageId += 1;
      this.deliver(wire("MESSAGE", { subscription: id, "message-id": String(this.messageId), destination, "content-type": "application/json" }, JSON.stringify(body)));
    }
  }

  /** An ERROR frame, then the server closes the connection (Spring does both). */
  error(message: string): void {
    this.deliver(wire("ERROR", { message: message.replace(/:/g, "\\c"), "content-length": "0" }));
    this.drop();
  }

  sent(command: string): WireFrame[] {
    return this.received.filter((f) => f.command === command);
  }

  /** Answers arrive after the client's send returns, as over a real network. */
  private handle(frame: WireFrame): void {
    setTimeout(() => this.answer(frame), 0);
  }

  private answer(frame: WireFrame): void {
    if (this.readyState !== 1) return;
    if (frame.command === "CONNECT" || frame.command === "STOMP") {
      const refusal = this.server.refuse(frame.headers.Authorization ?? "");
      if (refusal) this.error(refusal);
      else this.deliver(wire("CONNECTED", { version: "1.2", "heart-beat": "0,0" }));
    } else if (frame.command === "SUBSCRIBE") {
      const refusal = this.server.refuseSubscription(frame.headers.destination ?? "");
      if (refusal) this.error(refusal);
      else this.subscriptions.set(frame.headers.id!, frame.headers.destination!);
    } else if (frame.command === "UNSUBSCRIBE") {
      this.subscriptions.delete(frame.headers.id!);
    } else if (frame.command === "DISCONNECT") {
      this.close();
    }
  }
}

export class FakeStompServer {
  readonly sockets: FakeSocket[] = [];
  /** Tokens the server accepts; anything else gets `INVALID_TOKEN`. */
  validTokens = new Set<string>();
  /** Destinations refused with this message, e.g. `NOT_A_PARTICIPANT: not a participant of room r1`. */
  refusedDestinations = new Map<string, string>();
  /** Whether new sockets open by themselves (a reachable server). */
  reachable = true;

  factory = (): IStompSocket => {
    const socket = new FakeSocket(this);
    this.sockets.push(socket);
    setTimeout(() => (this.reachable ? socket.open() : socket.drop()), 0);
    return socket;
  };

  get last(): FakeSocket {
    const socket = this.sockets[this.sockets.length - 1];
    if (!socket) throw new Error("no socket opened yet");
    return socket;
  }

  refuse(authorization: string): string | null {
    const token = authorization.replace(/^Bearer /, "");
    return this.validTokens.has(token) ? null : "INVALID_TOKEN: The access token is not valid.";
  }

  refuseSubscription(destination: string): string | null {
    return this.refusedDestinations.get(destination) ?? null;
  }
}

/** Lets pending timers of 0 ms and microtasks run (socket opening, frame handling). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Timers a test fires by hand, to check backoff delays without waiting for them. */
export function manualTimers() {
  const pending: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  return {
    pending,
    setTimer: (fn: () => void, ms: number) => {
      const timer = { fn, ms, cancelled: false };
      pending.push(timer);
      return timer;
    },
    clearTimer: (handle: unknown) => {
      (handle as { cancelled: boolean }).cancelled = true;
    },
    /** Fires the oldest live timer and answers its delay. */
    fire(): number {
      const index = pending.findIndex((t) => !t.cancelled);
      if (index < 0) throw new Error("no timer pending");
      const [timer] = pending.splice(index, 1);
      timer!.fn();
      return timer!.ms;
    },
    live(): number[] {
      return pending.filter((t) => !t.cancelled).map((t) => t.ms);
    },
  };
}
