package io.eventchat.api;

/** Stable, machine-readable rejection codes; clients switch on {@link #name()}. */
public enum ErrorCode {
    VALIDATION_FAILED(ErrorKind.INVALID),
    BAD_CREDENTIALS(ErrorKind.UNAUTHENTICATED),
    USERNAME_TAKEN(ErrorKind.CONFLICT),
    EMAIL_TAKEN(ErrorKind.CONFLICT),
    USER_NOT_FOUND(ErrorKind.NOT_FOUND),
    ACCOUNT_DEACTIVATED(ErrorKind.FORBIDDEN),
    WRONG_PASSWORD(ErrorKind.FORBIDDEN),
    INVALID_REFRESH_TOKEN(ErrorKind.UNAUTHENTICATED),
    REFRESH_TOKEN_REUSED(ErrorKind.UNAUTHENTICATED),
    CANNOT_ADD_SELF(ErrorKind.INVALID),
    CANNOT_CHANGE_OWN_ACCOUNT(ErrorKind.INVALID),
    ACCOUNT_STILL_ACTIVE(ErrorKind.CONFLICT),
    ROOM_NOT_FOUND(ErrorKind.NOT_FOUND),
    NOT_A_PARTICIPANT(ErrorKind.FORBIDDEN),
    INVALID_PARTICIPANTS(ErrorKind.INVALID),
    INVALID_CONTENT(ErrorKind.INVALID),
    NOT_ALLOWED(ErrorKind.FORBIDDEN),
    ALREADY_PARTICIPANT(ErrorKind.CONFLICT),
    DIRECT_ROOM_FIXED(ErrorKind.CONFLICT),
    MESSAGE_NOT_FOUND(ErrorKind.NOT_FOUND),
    MESSAGE_DELETED(ErrorKind.CONFLICT),
    MESSAGE_NOT_DELETED(ErrorKind.CONFLICT),
    INVALID_REPLY(ErrorKind.INVALID),
    INVALID_RECEIPT(ErrorKind.INVALID),
    CONCURRENT_MODIFICATION(ErrorKind.CONFLICT),
    ALREADY_EXISTS(ErrorKind.CONFLICT),
    BUSY(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
