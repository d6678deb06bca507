import type { HttpClient } from "./http";
import { ApiError } from "./problem";
import { uploadFile, type XhrLike } from "./upload";
import type {
  Attachment,
  AuditPage,
  ChangePasswordRequest,
  DeadLetter,
  DeadLetterRetry,
  CreateRoomRequest,
  FramePage,
  LoginRequest,
  Message,
  MessagePage,
  Page,
  Participant,
  ParticipantRole,
  PostMessageRequest,
  PresenceMap,
  ProjectionStatus,
  PublicProfile,
  RegisterRequest,
  RoomDetails,
  RoomStateAt,
  RoomSummary,
  UpdateProfileRequest,
  UserProfile,
  Uuid,
} from "./types";

const id = encodeURIComponent;

export function authEndpoints(http: HttpClient) {
  return {
    async register(request: RegisterRequest): Promise<UserProfile> {
      return http.acceptAuth(await http.request("POST", "/api/auth/register", { body: request, auth: false }));
    },
    async login(request: LoginRequest): Promise<UserProfile> {
      return http.acceptAuth(await http.request("POST", "/api/auth/login", { body: request, auth: false }));
    },
    /** Revokes the login on the server, then forgets it locally whatever the server said. */
    async logout(): Promise<void> {
      const refreshToken = http.currentRefreshToken();
      try {
        if (refreshToken) await http.request<void>("POST", "/api/auth/logout", { body: { refreshToken } });
      } finally {
        http.clearSession();
      }
    },
  };
}

export function userEndpoints(http: HttpClient) {
  return {
    async me(): Promise<UserProfile> {
      const user = await http.request<UserProfile>("GET", "/api/users/me");
      http.updateUser(user);
      return user;
    },
    async updateMe(request: UpdateProfileRequest): Promise<UserProfile> {
      const user = await http.request<UserProfile>("PATCH", "/api/users/me", { body: request });
      http.updateUser(user);
      return user;
    },
    /** The server revokes every refresh token; the caller logs in again with the new password. */
    changePassword: (request: ChangePasswordRequest) =>
      http.request<void>("POST", "/api/users/me/password", { body: request }),
    async deactivate(): Promise<void> {
      await http.request<void>("DELETE", "/api/users/me");
      http.clearSession();
    },
    search: (q: string, limit = 20, signal?: AbortSignal) =>
      http.request<Page<PublicProfile>>("GET", "/api/users", { query: { q, limit }, signal }),
    get: (userId: Uuid) => http.request<PublicProfile>("GET", `/api/users/${id(userId)}`),
  };
}

export function contactEndpoints(http: HttpClient) {
  return {
    list: () => http.request<Page<PublicProfile>>("GET", "/api/contacts"),
    add: (userId: Uuid) => http.request<void>("PUT", `/api/contacts/${id(userId)}`),
    remove: (userId: Uuid) => http.request<void>("DELETE", `/api/contacts/${id(userId)}`),
  };
}

export function roomEndpoints(http: HttpClient) {
  const room = (roomId: Uuid) => `/api/rooms/${id(roomId)}`;
  return {
    list: (signal?: AbortSignal) => http.request<Page<RoomSummary>>("GET", "/api/rooms", { signal }),
    create: (request: CreateRoomRequest) => http.request<RoomDetails>("POST", "/api/rooms", { body: request }),
    get: (roomId: Uuid, signal?: AbortSignal) => http.request<RoomDetails>("GET", room(roomId), { signal }),
    rename: (roomId: Uuid, name: string) => http.request<RoomDetails>("PATCH", room(roomId), { body: { name } }),
    remove: (roomId: Uuid) => http.request<void>("DELETE", room(roomId)),
    participants: (roomId: Uuid) => http.request<Page<Participant>>("GET", `${room(roomId)}/participants`),
    addParticipant: (roomId: Uuid, userId: Uuid) =>
      http.request<Participant>("POST", `${room(roomId)}/participants`, { body: { userId } }),
    /** Removing yourself is leaving the room. */
    removeParticipant: (roomId: Uuid, userId: Uuid) =>
      http.request<void>("DELETE", `${room(roomId)}/participants/${id(userId)}`),
    setRole: (roomId: Uuid, userId: Uuid, role: Exclude<ParticipantRole, "OWNER">) =>
      http.request<Participant>("PATCH", `${room(roomId)}/participants/${id(userId)}`, { body: { role } }),
    markRead: (roomId: Uuid, upToSeq: number) =>
      http.request<void>("POST", `${room(roomId)}/read`, { body: { upToSeq } }),
    events: (roomId: Uuid, after: number, limit = 200, signal?: AbortSignal) =>
      http.request<FramePage>("GET", `${room(roomId)}/events`, { query: { after, limit }, signal }),
    /** The room's stored events with seq > after, in order; `nextCursor` continues, null at the end. */
    audit: (roomId: Uuid, after = 0, limit = 100, signal?: AbortSignal) =>
      http.request<AuditPage>("GET", `${room(roomId)}/audit`, { query: { after, limit }, signal }),
    /** The room as it was right after event `atSeq`, or at the instant `asOf`; 404 before it existed. */
    stateAt: (roomId: Uuid, at: { atSeq: number } | { asOf: string }, signal?: AbortSignal) =>
      http.request<RoomStateAt>("GET", `${room(roomId)}/state`, { query: at, signal }),
  };
}

export function presenceEndpoints(http: HttpClient) {
  return {
    /** Online flags of up to 200 users. */
    of: (userIds: readonly Uuid[], signal?: AbortSignal) =>
      userIds.length === 0
        ? Promise.resolve<PresenceMap>({})
        : http.request<PresenceMap>("GET", "/api/presence", { query: { userIds: userIds.join(",") }, signal }),
  };
}

/** ADMIN only: projections and the event processors' dead-letter queue. */
export function adminEndpoints(http: HttpClient) {
  return {
    projections: (signal?: AbortSignal) => http.request<ProjectionStatus[]>("GET", "/api/admin/projections", { signal }),
    /** 202: the rebuild runs in the background, its progress shows in `projections()`; 409 while one runs. */
    rebuild: (name: string) => http.request<void>("POST", `/api/admin/projections/${id(name)}/rebuild`),
    deadLetters: (signal?: AbortSignal) => http.request<DeadLetter[]>("GET", "/api/admin/dead-letters", { signal }),
    retryDeadLetters: (processingGroup: string) =>
      http.request<DeadLetterRetry>("POST", `/api/admin/dead-letters/${id(processingGroup)}/retry`),
  };
}

export function messageEndpoints(http: HttpClient) {
  const message = (messageId: Uuid) => `/api/messages/${id(messageId)}`;
  return {
    page: (roomId: Uuid, cursor: { before?: number; after?: number; limit?: number } = {}, signal?: AbortSignal) =>
      http.request<MessagePage>("GET", `/api/rooms/${id(roomId)}/messages`, { query: cursor, signal }),
    recent: (roomId: Uuid, signal?: AbortSignal) =>
      http.request<MessagePage>("GET", `/api/rooms/${id(roomId)}/messages/recent`, { signal }),
    /** Answers 201 for a new message and 200 with the original when `clientMessageId` was already used. */
    post: (roomId: Uuid, request: PostMessageRequest) =>
      http.request<Message>("POST", `/api/rooms/${id(roomId)}/messages`, { body: request }),
    get: (messageId: Uuid) => http.request<Message>("GET", message(messageId)),
    edit: (messageId: Uuid, content: string) =>
      http.request<Message>("PATCH", message(messageId), { body: { content } }),
    remove: (messageId: Uuid) => http.request<void>("DELETE", message(messageId)),
    restore: (messageId: Uuid) => http.request<Message>("POST", `${message(messageId)}/restore`),
  };
}

export function attachmentEndpoints(http: HttpClient, createXhr?: () => XhrLike) {
  const once = async (file: Blob, fileName: string, onProgress?: (fraction: number) => void, signal?: AbortSignal) => {
    const token = await http.freshAccessToken();
    try {
      return await uploadFile({ url: http.urlOf("/api/attachments"), token, file, fileName, onProgress, signal, createXhr });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) http.expireAccessToken(token);
      throw error;
    }
  };
  return {
    /** 201 the stored attachment; 413 ATTACHMENT_TOO_LARGE, 415 UNSUPPORTED_ATTACHMENT_TYPE (judged from the bytes). */
    async upload(file: Blob, fileName: string, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<Attachment> {
      try {
        return await once(file, fileName, onProgress, signal);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401 || error.code === "UNAUTHENTICATED") throw error;
        return once(file, fileName, onProgress, signal);
      }
    },
    /** The bytes, for a blob URL: `<img src>` and links cannot send the bearer token. */
    content: (attachment: Pick<Attachment, "url">, signal?: AbortSignal) => http.download(attachment.url, signal),
    /** A PNG preview within 320 px of a JPEG, PNG or GIF; 404 THUMBNAIL_NOT_AVAILABLE for anything else. */
    thumbnail: (attachment: Pick<Attachment, "id">, signal?: AbortSignal) =>
      http.download(`/api/attachments/${id(attachment.id)}/thumbnail`, signal),
  };
}
