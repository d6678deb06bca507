package io.eventchat.api;

import java.util.Objects;

/**
 * A command or query rejected by a domain rule. Carries a stable {@link ErrorCode}; the message is safe to show
 * to the caller (it never contains stored data the caller may not see).
 */
public class ChatException extends RuntimeException {

    private final ErrorCode code;

    public ChatException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }
}
