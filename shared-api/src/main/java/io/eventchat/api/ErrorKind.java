package io.eventchat.api;

/** The class of a rejection; the gateway maps each kind to one HTTP status. */
public enum ErrorKind {
    INVALID,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    GONE,
    TOO_LARGE,
    UNSUPPORTED_TYPE,
    UNAVAILABLE
}
