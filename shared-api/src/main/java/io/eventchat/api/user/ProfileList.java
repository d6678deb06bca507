package io.eventchat.api.user;

import java.util.List;

/** A list of public profiles. */
public record ProfileList(List<PublicProfile> items) {
}
