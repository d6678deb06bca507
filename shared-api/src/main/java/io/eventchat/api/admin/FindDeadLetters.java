package io.eventchat.api.admin;

/** Every event a projection could not handle and parked, oldest first per processing group. */
public record FindDeadLetters() {
}
