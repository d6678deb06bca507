package io.eventchat.api.user;

import java.util.List;

/** Accounts for administration. */
public record AccountList(List<Account> items) {
}
