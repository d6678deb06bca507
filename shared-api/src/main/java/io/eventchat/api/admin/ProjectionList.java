package io.eventchat.api.admin;

import java.util.List;

/** Every projection's status. */
public record ProjectionList(List<ProjectionStatus> items) {
}
