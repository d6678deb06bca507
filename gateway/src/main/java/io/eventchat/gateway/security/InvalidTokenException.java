package io.eventchat.gateway.security;

/** An access token that cannot be trusted; {@code code} says why (INVALID_TOKEN or TOKEN_EXPIRED). */
public class InvalidTokenException extends RuntimeException {

    private final String code;

    InvalidTokenException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
