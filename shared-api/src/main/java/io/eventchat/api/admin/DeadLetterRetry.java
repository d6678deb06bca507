package io.eventchat.api.admin;

/** The outcome of {@link RetryDeadLetters}: events handled now, and events still parked in that group. */
public record DeadLetterRetry(long retried, long remaining) {
}
