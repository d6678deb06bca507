package io.eventchat.api.user;

/** Looks an account up by username or email, case-insensitively, for authentication. */
public record FindAccount(String login) {
}
