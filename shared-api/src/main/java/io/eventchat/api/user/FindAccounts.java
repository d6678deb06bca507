package io.eventchat.api.user;


/** Lists accounts for administration, optionally by username/email/display-name prefix. */
public record FindAccounts(String prefix, int limit) {
}
