import { ApiError, NETWORK_ERROR } from "./api/problem";

/** Human messages for the backend's stable problem codes (and the client's own NETWORK_ERROR). */
const MESSAGES: Record<string, string> = {
  BAD_CREDENTIALS: "Wrong username or password.",
  USERNAME_TAKEN: "That username is already taken.",
  EMAIL_TAKEN: "An account with that email already exists.",
  VALIDATION_FAILED: "Please check the highlighted fields.",
  NOT_A_PARTICIPANT: "You are not a member of this conversation.",
  ROOM_NOT_FOUND: "This conversation no longer exists.",
  MESSAGE_NOT_FOUND: "That message no longer exists.",
  NOT_ALLOWED: "You are not allowed to do that.",
  FORBIDDEN: "You are not allowed to do that.",
  RATE_LIMITED: "Too many attempts. Please wait a moment and try again.",
  ALREADY_PARTICIPANT: "That person is already in this conversation.",
  DIRECT_ROOM_FIXED: "People cannot be added to or removed from a direct chat.",
  TOKEN_EXPIRED: "Your session expired. Please log in again.",
  INVALID_TOKEN: "Your session is no longer valid. Please log in again.",
  LOGIN_ENDED: "This login has ended (logged out elsewhere, or the password was changed). Please log in again.",
  UNAUTHENTICATED: "Please log in to continue.",
  INVALID_REFRESH_TOKEN: "Your session ended. Please log in again.",
  REFRESH_TOKEN_REUSED: "For your safety this login was ended everywhere. Please log in again.",
  ACCOUNT_DEACTIVATED: "This account has been deactivated.",
  WRONG_PASSWORD: "The current password is not correct.",
  CANNOT_ADD_SELF: "You cannot add yourself as a contact.",
  USER_NOT_FOUND: "That person could not be found.",
  MESSAGE_DELETED: "That message was deleted.",
  MESSAGE_NOT_DELETED: "That message is not deleted.",
  INVALID_REPLY: "You can only reply to a message in this conversation.",
  INVALID_RECEIPT: "Could not mark messages as read.",
  INVALID_PARTICIPANTS: "Pick valid people for this conversation.",
  MALFORMED_REQUEST: "The request could not be understood.",
  PAYLOAD_TOO_LARGE: "That is too large to send.",
  ATTACHMENT_TOO_LARGE: "That file is too large to attach.",
  THUMBNAIL_NOT_AVAILABLE: "There is no preview of this file.",
  UNSUPPORTED_ATTACHMENT_TYPE: "Only images (JPEG, PNG, GIF, WebP), PDF and Word documents can be attached.",
  ATTACHMENT_GONE: "That file was removed with its message.",
  ATTACHMENT_NOT_FOUND: "That file could not be found.",
  ATTACHMENT_ALREADY_ATTACHED: "That file is already attached to another message.",
  TOO_MANY_ATTACHMENTS: "At most 10 files can be attached to one message.",
  INTERNAL_ERROR: "Something went wrong on our side. Please try again.",
  NOT_FOUND: "That could not be found.",
  [NETWORK_ERROR]: "Can't reach the server. Check your connection and try again.",
};

const FALLBACK = "Something went wrong. Please try again.";

export function messageForCode(code: string): string {
  return MESSAGES[code] ?? FALLBACK;
}

/** The sentence to show a person for any failure; 429s say how long to wait when the server told us. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return FALLBACK;
  if (error.code === "RATE_LIMITED" && error.retryAfterSeconds) {
    const s = error.retryAfterSeconds;
    return `Too many attempts. Try again in ${s} second${s === 1 ? "" : "s"}.`;
  }
  if (error.code === "VALIDATION_FAILED" && error.fieldErrors.length === 0 && error.detail) return error.detail;
  if (error.code === "ATTACHMENT_TOO_LARGE" || error.code === "PAYLOAD_TOO_LARGE") return tooLargeMessage(error.detail);
  return messageForCode(error.code);
}

/** "That file is too large to attach: files can be at most 10 MB." with the server's limit when it says one. */
export function tooLargeMessage(detail?: string, fallbackLimitBytes?: number): string {
  const stated = /at most (\d+) bytes/.exec(detail ?? "");
  const limit = stated ? Number(stated[1]) : fallbackLimitBytes;
  return limit ? `That file is too large to attach: files can be at most ${formatLimit(limit)}.` : messageForCode("ATTACHMENT_TOO_LARGE");
}

/** 10485760 -> "10 MB" (binary megabytes, as people and the server's limit count them). */
export function formatLimit(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

const SESSION_ENDED: Record<string, string> = {
  LOGGED_OUT_ELSEWHERE: "You logged out in another tab.",
  ACCOUNT_DEACTIVATED: "This account has been deactivated.",
  LOGIN_ENDED: "This login was ended: you logged out on another device, or the password was changed. Please log in again.",
  REFRESH_TOKEN_REUSED: "For your safety this login was ended everywhere. Please log in again.",
};

/** The sentence the login page shows after a session ended without a logout here (revoked or expired). */
export function sessionEndedMessage(code: string): string {
  return SESSION_ENDED[code] ?? "Your session has ended: it expired or was revoked (for example by logging out on another device or changing the password). Please log in again.";
}

/** Validation messages by field name, for showing next to inputs. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const { field, message } of error.fieldErrors) {
    const text = message.charAt(0).toUpperCase() + message.slice(1);
    result[field] = result[field] ? `${result[field]} ${text}` : text;
  }
  return result;
}

/** Codes that mean the session is over and the person must log in again. */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
