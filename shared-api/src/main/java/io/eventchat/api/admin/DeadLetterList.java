package io.eventchat.api.admin;

import java.util.List;

/** The answer to {@link FindDeadLetters}. */
public record DeadLetterList(List<DeadLetterView> items) {
}
