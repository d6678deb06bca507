package io.eventchat.gateway.security;

/**
 * An access token that cannot be trusted; {@code code} says why (INVALID_TOKEN or TOKEN_EXPIRED), or a sound token of
 * an account that may no longer act (ACCOUNT_DEACTIVATED, {@link #forbidden()}).
 */
public class InvalidTokenException extends RuntimeException {

    private final String code;
    private final boolean forbidden;

    InvalidTokenException(String code, String message) {
        this(code, message, false);
    }

    InvalidTokenException(String code, String message, boolean forbidden) {
        super(message, null, false, false);
        this.code = code;
        this.forbidden = forbidden;
    }

    public String code() {
        return code;
    }

    /** True when the token itself is sound but its account is refused: 403 rather than 401. */
    public boolean forbidden() {
        return forbidden;
    }
}
