package io.eventchat.api.user;


/** Active users whose username or display name starts with {@code prefix}, case-insensitively. */
public record SearchUsers(String prefix, int limit) {
}
