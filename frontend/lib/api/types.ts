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
  replyToMessageId: Uuid | null;
  clientMessageId: string | null;
}

export interface PostMessageRequest {
  content: string;
  clientMessageId: string;
  replyToMessageId?: Uuid;
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
