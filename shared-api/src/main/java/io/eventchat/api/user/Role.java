package io.eventchat.api.user;

/** Application-wide roles. */
public enum Role {
    USER,
    MODERATOR,
    ADMIN
}
