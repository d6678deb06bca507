package io.eventchat.gateway.bootstrap;

/** The configured database cannot be used; the message says what the operator should do. */
class DatabaseUnavailableException extends RuntimeException {

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
