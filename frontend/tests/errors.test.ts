import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/problem";
import { describeError, fieldErrors, isSessionEnded, messageForCode } from "@/lib/errors";

const error = (code: string, extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {}) =>
  new ApiError({ status: 400, code, ...extra });

describe("problem code messages", () => {
  it.each([
    ["BAD_CREDENTIALS", "Wrong username or password."],
    ["USERNAME_TAKEN", "That username is already taken."],
    ["EMAIL_TAKEN", "An account with that email already exists."],
    ["NOT_A_PARTICIPANT", "You are not a member of this conversation."],
    ["ROOM_NOT_FOUND", "This conversation no longer exists."],
    ["REFRESH_TOKEN_REUSED", "For your safety this login was ended everywhere. Please log in again."],
    ["WRONG_PASSWORD", "The current password is not correct."],
    ["NETWORK_ERROR", "Can't reach the server. Check your connection and try again."],
  ])("%s reads as a sentence for people", (code, text) => {
    expect(describeError(error(code))).toBe(text);
  });

  it("covers every code the backend documents", () => {
    const codes = ["BAD_CREDENTIALS", "USERNAME_TAKEN", "EMAIL_TAKEN", "VALIDATION_FAILED", "NOT_A_PARTICIPANT", "ROOM_NOT_FOUND",
      "MESSAGE_NOT_FOUND", "NOT_ALLOWED", "RATE_LIMITED", "ALREADY_PARTICIPANT", "DIRECT_ROOM_FIXED", "TOKEN_EXPIRED", "INVALID_TOKEN",
      "LOGIN_ENDED", "INVALID_REFRESH_TOKEN", "REFRESH_TOKEN_REUSED", "ACCOUNT_DEACTIVATED", "WRONG_PASSWORD", "CANNOT_ADD_SELF", "USER_NOT_FOUND",
      "MESSAGE_DELETED", "MESSAGE_NOT_DELETED", "INVALID_REPLY", "INVALID_RECEIPT", "INVALID_PARTICIPANTS", "MALFORMED_REQUEST", "INTERNAL_ERROR"];
    const fallback = messageForCode("SOMETHING_NEW");
    for (const code of codes) expect(messageForCode(code), code).not.toBe(fallback);
  });

  it("falls back for unknown codes and non-API errors", () => {
    expect(describeError(error("SOMETHING_NEW"))).toBe("Something went wrong. Please try again.");
    expect(describeError(new Error("boom"))).toBe("Something went wrong. Please try again.");
  });

  it("says how long to wait when rate limited", () => {
    expect(describeError(error("RATE_LIMITED", { status: 429, retryAfterSeconds: 30 }))).toBe("Too many attempts. Try again in 30 seconds.");
    expect(describeError(error("RATE_LIMITED", { status: 429, retryAfterSeconds: 1 }))).toBe("Too many attempts. Try again in 1 second.");
  });

  it("maps validation errors to fields", () => {
    const e = error("VALIDATION_FAILED", { fieldErrors: [{ field: "password", message: "size must be between 8 and 128" }, { field: "password", message: "must not be blank" }] });
    expect(fieldErrors(e)).toEqual({ password: "Size must be between 8 and 128 Must not be blank" });
    expect(fieldErrors(new Error("x"))).toEqual({});
  });

  it("knows when the session is over", () => {
    expect(isSessionEnded(new ApiError({ status: 401, code: "INVALID_REFRESH_TOKEN" }))).toBe(true);
    expect(isSessionEnded(new ApiError({ status: 403, code: "NOT_ALLOWED" }))).toBe(false);
  });
});
