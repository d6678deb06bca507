import { API_URL, getApi } from "../api";
import { PresenceStore } from "../chat/presence";
import { websocketUrl } from "./config";
import { RealtimeConnection } from "./connection";
import { RoomSignals } from "./signals";

export type { ConnectionStatus, RealtimeChannel, StompRefusal, SubscriptionHandler } from "./connection";
export { RealtimeConnection, parseStompError } from "./connection";

/** The STOMP endpoint; `NEXT_PUBLIC_WS_URL` is inlined at build time like the API URL (see README). */
export function realtimeUrl(): string {
  const origin = typeof window === "undefined" ? null : window.location.origin;
  return websocketUrl(API_URL, process.env.NEXT_PUBLIC_WS_URL, origin);
}

let connection: RealtimeConnection | null = null;
let presence: PresenceStore | null = null;
let signals: RoomSignals | null = null;

/** The page's one WebSocket connection, connecting with the API client's current access token. */
export function getRealtime(): RealtimeConnection {
  connection ??= new RealtimeConnection({
    url: realtimeUrl(),
    token: () => getApi().http.freshAccessToken(),
    tokenRejected: (token) => getApi().http.expireAccessToken(token),
  });
  return connection;
}

export function getPresence(): PresenceStore {
  presence ??= new PresenceStore();
  return presence;
}

export function getRoomSignals(): RoomSignals {
  signals ??= new RoomSignals();
  return signals;
}
