package io.eventchat.api.room;

import java.util.List;

/** Audit entries in seq order, and the seq to continue after (null at the end). */
public record AuditPage(List<AuditEntry> items, Long nextCursor) {
}
