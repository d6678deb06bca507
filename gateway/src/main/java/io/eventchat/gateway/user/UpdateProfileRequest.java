package io.eventchat.gateway.user;

import io.eventchat.gateway.web.SingleLineText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** Only these fields can be changed here; a role, id or timestamp in the body is ignored. */
record UpdateProfileRequest(@Size(min = 1, max = 64) @SingleLineText String displayName,
                            @Email @Size(max = 320) @SingleLineText String email) {
}
