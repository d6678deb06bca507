package io.eventchat.gateway.admin;

import io.eventchat.api.user.Role;

/** What an admin may change on an account; null leaves it as it is. */
record AdminUserUpdate(Role role, Boolean active) {
}
