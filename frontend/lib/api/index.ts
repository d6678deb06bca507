import { HttpClient, type HttpOptions, type LockRunner, REFRESH_TOKEN_KEY } from "./http";
import type { XhrLike } from "./upload";
import {
  adminEndpoints,
  attachmentEndpoints,
  authEndpoints,
  contactEndpoints,
  messageEndpoints,
  presenceEndpoints,
  roomEndpoints,
  userEndpoints,
} from "./endpoints";

export * from "./types";
export { ApiError, isApiError, NETWORK_ERROR } from "./problem";
export type { SessionSnapshot, SessionStatus, KeyValueStorage } from "./http";

export function createApi(options: HttpOptions & { createXhr?: () => XhrLike }) {
  const http = new HttpClient(options);
  return {
    http,
    auth: authEndpoints(http),
    users: userEndpoints(http),
    contacts: contactEndpoints(http),
    rooms: roomEndpoints(http),
    messages: messageEndpoints(http),
    presence: presenceEndpoints(http),
    admin: adminEndpoints(http),
    attachments: attachmentEndpoints(http, options.createXhr),
  };
}

export type Api = ReturnType<typeof createApi>;

/** Where the backend lives; inlined at build time by Next.js (see README: Configuration). */
export const API_URL = process.env.NEXT_PUBLIC_API_URL || "http://localhost:8080";

const webLock: LockRunner = async (name, task) =>
  typeof navigator !== "undefined" && navigator.locks
    ? ((await navigator.locks.request(name, task)) as Awaited<ReturnType<typeof task>>)
    : task();

let browserApi: Api | null = null;

/** The page's one API client, sharing one session (and one refresh in flight) across the app. */
export function getApi(): Api {
  if (browserApi) return browserApi;
  const storage = typeof window === "undefined" ? null : window.localStorage;
  const api = createApi({ baseUrl: API_URL, storage, lock: webLock });
  if (typeof window !== "undefined") {
    window.addEventListener("storage", (event) => {
      // Another tab logged out: this one follows instead of failing on its next request.
      if (event.key === REFRESH_TOKEN_KEY && event.newValue === null) api.http.clearSession("LOGGED_OUT_ELSEWHERE");
    });
  }
  browserApi = api;
  return api;
}
