/** Types mirroring the backend's public contract (shared/API.md and /v3/api-docs). */

export type Uuid = string;
export type Instant = string;

export type UserRole = "USER" | "MODERATOR" | "ADMIN";
export type RoomType = "GROUP" | "DIRECT";
export type ParticipantRole = "OWNER" | "ADMIN" | "MEMBER";

export interface Page<T, C = string | number | null> {
  items: T[];
  nextCursor: C;
}

export interface UserProfile {
  id: Uuid;
  username: string;
  email: string;
  displayName: string | null;
  role: UserRole;
  active: boolean;
  createdAt: Instant;
  lastLoginAt: Instant | null;
}

export interface PublicProfile {
  id: Uuid;
  username: string;
  displayName: string | null;
  online: boolean;
}

export interface AuthResponse {
  user: UserProfile;
  accessToken: string;
  refreshToken: string;
  tokenType: "Bearer";
  /** Access-token lifetime in seconds. */
  expiresIn: number;
}

export interface RegisterRequest {
  username: string;
  email: string;
  password: string;
  displayName?: string;
}

export interface LoginRequest {
  /** Username or email. */
  username: string;
  password: string;
}

export interface UpdateProfileRequest {
  displayName?: string;
  email?: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface Attachment {
  id: Uuid;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Path of the bytes (`/api/attachments/{id}/content`); needs the bearer token. */
  url: string;
}

/** An image attachment's preview (`GET /api/attachments/{id}/thumbnail`): a PNG within this many pixels. */
export const THUMBNAIL_SIZE = 320;

export interface Message {
  id: Uuid;
  roomId: Uuid;
  seq: number;
  senderId: Uuid;
  senderUsername: string;
  /** Null when the message is deleted. */
  content: string | null;
  createdAt: Instant;
  editedAt: Instant | null;
  deleted: boolean;
  /** Absent from backends without attachments. */
  attachments?: Attachment[];
  replyToMessageId: Uuid | null;
  clientMessageId: string | null;
  /** Users mentioned with `@username` (backends that resolve mentions). */
  mentions?: Uuid[];
}

export interface PostMessageRequest {
  content: string;
  clientMessageId: string;
  replyToMessageId?: Uuid;
  /** Up to 10 of the caller's own uploads. */
  attachmentIds?: Uuid[];
}

/** `nextCursor` is the seq to pass as `before=` for the next older page, or null at the beginning. */
export type MessagePage = Page<Message, number | null>;

export interface RoomSummary {
  id: Uuid;
  name: string;
  type: RoomType;
  participantCount: number;
  lastMessage: Message | null;
  unreadCount: number;
  lastSeq: number;
  lastActivityAt: Instant;
  /** DIRECT rooms: the other participant, and whether they were online when the list was read; null for groups. */
  peerId: Uuid | null;
  online: boolean | null;
}

export interface Participant {
  userId: Uuid;
  username: string | null;
  role: ParticipantRole;
  joinedAt: Instant;
  online: boolean;
  lastReadSeq: number;
}

export interface RoomDetails {
  id: Uuid;
  name: string;
  type: RoomType;
  createdAt: Instant;
  createdBy: Uuid;
  participants: Participant[];
  lastSeq: number;
}

export interface CreateRoomRequest {
  name?: string;
  type: RoomType;
  participantIds: Uuid[];
}

interface FrameBase<T extends string, D> {
  type: T;
  roomId: Uuid;
  seq: number;
  at: Instant;
  data: D;
}

export type RoomFrame =
  | FrameBase<"room.created", { name: string; type: RoomType; createdBy: Uuid }>
  | FrameBase<"participant.added", { userId: Uuid; username: string | null; role: ParticipantRole; addedBy: Uuid }>
  | FrameBase<"participant.removed", { userId: Uuid; by: Uuid }>
  | FrameBase<"participant.updated", { userId: Uuid; role: ParticipantRole }>
  | FrameBase<"room.renamed", { name: string; by: Uuid }>
  | FrameBase<"room.deleted", { by?: Uuid }>
  | FrameBase<"message.posted", Message>
  | FrameBase<"message.edited", { messageId: Uuid; content: string; editedAt: Instant }>
  | FrameBase<"message.deleted", { messageId: Uuid; by: Uuid }>
  | FrameBase<"message.restored", { messageId: Uuid; by: Uuid }>
  | FrameBase<"receipt", { userId: Uuid; upToSeq: number }>;

/** Frames without a seq: ephemeral, never stored, never replayed. */
export interface TypingFrame {
  type: "typing";
  roomId: Uuid;
  seq: null;
  at: Instant;
  data: { userId: Uuid; username: string; typing: boolean; expiresAt: Instant };
}

export interface PresenceFrame {
  type: "presence";
  roomId: null;
  seq: null;
  at: Instant;
  data: { userId: Uuid; online: boolean };
}

/** Frames on `/user/queue/events`: the caller's own (added, removed, room deleted) and contacts' presence. */
export type PersonalFrame = RoomFrame | PresenceFrame;

/** `GET /api/presence?userIds=`: online flag by user id. */
export type PresenceMap = Record<Uuid, boolean>;

/** One stored event of a room, straight from the event store (`GET /api/rooms/{id}/audit`). */
export interface AuditEntry {
  seq: number;
  /** The event's name, e.g. `MessagePosted`, `ParticipantAdded`. */
  type: string;
  at: Instant;
  /** A user id, or `system` for events the backend made itself. */
  actorId: string;
  data: Record<string, unknown>;
}

export type AuditPage = Page<AuditEntry, number | null>;

/** The room rebuilt from its events up to `seq` (`GET /api/rooms/{id}/state?asOf=|atSeq=`). */
export interface RoomStateAt {
  id: Uuid;
  name: string;
  type: RoomType;
  deleted: boolean;
  seq: number;
  at: Instant;
  participants: { userId: Uuid; role: ParticipantRole }[];
  messages: {
    id: Uuid;
    seq: number;
    senderId: Uuid;
    /** The content it had then; null when it was deleted then. */
    content: string | null;
    createdAt: Instant;
    editedAt: Instant | null;
    deleted: boolean;
    replyToMessageId: Uuid | null;
  }[];
}

export interface ProjectionStatus {
  name: string;
  status: string;
  position: number;
  headPosition: number;
  lag: number;
  replaying: boolean;
  /** 0..1, how far a replay has come (1 when not replaying). */
  progress: number;
  segments: number;
  /** State of the latest rebuild: RUNNING, DONE, FAILED, ABANDONED (its node stopped); null if never rebuilt. */
  lastRebuild: "RUNNING" | "DONE" | "FAILED" | "ABANDONED" | null;
  rebuildError: string | null;
}

export interface DeadLetter {
  id: string;
  processingGroup: string;
  sequenceId: string | null;
  eventType: string;
  eventId: string;
  globalIndex: number | null;
  enqueuedAt: Instant;
  lastTouched: Instant;
  causeType: string | null;
  causeMessage: string | null;
}

export interface DeadLetterRetry {
  retried: number;
  remaining: number;
}

export type FramePage = Page<RoomFrame, number | null>;

export interface ProblemDetail {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}
