package io.eventchat.query.audit;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.attachment.AttachmentView;
import io.eventchat.api.message.DeletedMessages;
import io.eventchat.api.message.FindDeletedMessages;
import io.eventchat.api.message.MessageDeleted;
import io.eventchat.api.message.MessageEdited;
import io.eventchat.api.message.MessagePosted;
import io.eventchat.api.message.MessageRestored;
import io.eventchat.api.room.AuditEntry;
import io.eventchat.api.room.AuditPage;
import io.eventchat.api.room.FindRoomAudit;
import io.eventchat.api.room.FindRoomStateAt;
import io.eventchat.api.room.ParticipantAdded;
import io.eventchat.api.room.ParticipantRemoved;
import io.eventchat.api.room.ParticipantRole;
import io.eventchat.api.room.ParticipantRoleChanged;
import io.eventchat.api.room.RoomCreated;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.api.room.RoomEvent;
import io.eventchat.api.room.RoomRenamed;
import io.eventchat.api.room.RoomState;
import io.eventchat.api.room.RoomType;
import io.eventchat.api.user.Role;
import io.eventchat.query.access.RoomAccess;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a room's history straight from the event store: the audit trail (by aggregate id and sequence range, so a
 * page costs the same in a room of a million events), and the room rebuilt as it was at a past instant or seq by
 * folding its events (content as it read then: later edits and deletes are not applied).
 * Participants of the room and app MODERATOR/ADMIN may read it; for plain participants the content of messages
 * deleted now is null, as everywhere else (moderators and admins see the whole history).
 */
@Component
class RoomHistory {

    static final int MAX_LIMIT = 500;
    private static final String ROOM_TYPE = "ChatRoom";
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
    };

    private final EventStore events;
    private final RoomAccess access;
    private final JsonMapper json;
    private final QueryGateway queries;

    RoomHistory(EventStore events, RoomAccess access, JsonMapper json, QueryGateway queries) {
        this.events = events;
        this.access = access;
        this.json = json;
        this.queries = queries;
    }

    @QueryHandler
    AuditPage handle(FindRoomAudit query) {
        requireReader(query.roomId(), query.requesterId(), query.requesterRole());
        Set<UUID> hidden = hiddenFrom(query.roomId(), query.requesterRole());
        int limit = query.limit() <= 0 ? 100 : Math.min(query.limit(), MAX_LIMIT);
        // a room event's seq is its aggregate sequence number + 1
        DomainEventStream stream = events.readEvents(query.roomId().toString(), Math.max(0, query.after()));
        List<AuditEntry> entries = new ArrayList<>();
        boolean more = false;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (!ROOM_TYPE.equals(event.getType()) || !(event.getPayload() instanceof RoomEvent room)) {
                continue;
            }
            if (entries.size() == limit) {
                more = true;
                break;
            }
            Object actor = event.getMetaData().get("actorId");
            entries.add(new AuditEntry(room.seq(), event.getPayloadType().getSimpleName(), event.getTimestamp(),
                    actor == null ? null : actor.toString(), redacted(json.convertValue(room, DATA), hidden)));
        }
        if (entries.isEmpty() && query.after() == 0) {
            throw new ChatException(ErrorCode.ROOM_NOT_FOUND, "No such room.");
        }
        return new AuditPage(entries, more ? entries.get(entries.size() - 1).seq() : null);
    }

    @QueryHandler
    RoomState handle(FindRoomStateAt query) {
        requireReader(query.roomId(), query.requesterId(), query.requesterRole());
        Fold fold = new Fold(hiddenFrom(query.roomId(), query.requesterRole()));
        // from the first event: readEvents(id) alone would start at the room's latest snapshot, which is the
        // ChatRoom aggregate (no names, no content), not a RoomEvent, and so skip everything before it
        DomainEventStream stream = events.readEvents(query.roomId().toString(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (!ROOM_TYPE.equals(event.getType()) || !(event.getPayload() instanceof RoomEvent room)) {
                continue;
            }
            if ((query.asOf() != null && event.getTimestamp().isAfter(query.asOf()))
                    || (query.atSeq() != null && room.seq() > query.atSeq())) {
                break;
            }
            fold.apply(room, event.getTimestamp());
        }
        if (fold.id == null) {
            throw new ChatException(ErrorCode.ROOM_NOT_FOUND, "The room did not exist then.");
        }
        return fold.state();
    }

    private void requireReader(UUID roomId, UUID requesterId, Role role) {
        if (moderates(role)) {
            return;
        }
        access.requireParticipant(roomId, requesterId);
    }

    private static boolean moderates(Role role) {
        return role == Role.MODERATOR || role == Role.ADMIN;
    }

    /**
     * The messages whose content the reader may not see in the history: those deleted now, for anyone but app
     * moderators and admins (a deletion is not undone by reading the past). Asked of the command side, which is
     * exactly as current as the events.
     */
    private Set<UUID> hiddenFrom(UUID roomId, Role role) {
        return moderates(role) ? Set.of() : queries.query(new FindDeletedMessages(roomId),
                ResponseTypes.instanceOf(DeletedMessages.class)).join().messageIds();
    }

    /** An audit entry's data without the content and attachments of a hidden message. */
    private static Map<String, Object> redacted(Map<String, Object> data, Set<UUID> hidden) {
        Object messageId = data.get("messageId");
        if (messageId == null || hidden.isEmpty() || !hidden.contains(UUID.fromString(messageId.toString()))) {
            return data;
        }
        Map<String, Object> copy = new LinkedHashMap<>(data);
        if (copy.containsKey("content")) {
            copy.put("content", null);
        }
        if (copy.containsKey("attachments")) {
            copy.put("attachments", List.of());
        }
        return copy;
    }

    /** The room's state folded from its events; holds message content, unlike the ChatRoom aggregate. */
    private static final class Fold {
        final Set<UUID> hidden;
        UUID id;
        String name;
        RoomType type;
        boolean deleted;
        long seq;
        Instant at;
        final Map<UUID, ParticipantRole> participants = new LinkedHashMap<>();
        final Map<UUID, RoomState.Message> messages = new LinkedHashMap<>();

        Fold(Set<UUID> hidden) {
            this.hidden = hidden;
        }

        void apply(RoomEvent event, Instant timestamp) {
            seq = event.seq();
            at = timestamp;
            if (event instanceof RoomCreated e) {
                id = e.roomId();
                name = e.name();
                type = e.type();
            } else if (event instanceof RoomRenamed e) {
                name = e.name();
            } else if (event instanceof RoomDeleted) {
                deleted = true;
            } else if (event instanceof ParticipantAdded e) {
                participants.put(e.userId(), e.role());
            } else if (event instanceof ParticipantRemoved e) {
                participants.remove(e.userId());
            } else if (event instanceof ParticipantRoleChanged e) {
                participants.put(e.userId(), e.role());
            } else if (event instanceof MessagePosted e) {
                messages.put(e.messageId(), new RoomState.Message(e.messageId(), e.seq(), e.senderId(), e.content(),
                        e.at(), null, false, e.replyToMessageId(),
                        e.attachments() == null ? List.of() : e.attachments().stream().map(AttachmentView::of).toList()));
            } else if (event instanceof MessageEdited e) {
                messages.computeIfPresent(e.messageId(), (id, m) -> new RoomState.Message(m.id(), m.seq(),
                        m.senderId(), e.content(), m.createdAt(), e.at(), m.deleted(), m.replyToMessageId(), m.attachments()));
            } else if (event instanceof MessageDeleted e) {
                messages.computeIfPresent(e.messageId(), (id, m) -> new RoomState.Message(m.id(), m.seq(),
                        m.senderId(), m.content(), m.createdAt(), m.editedAt(), true, m.replyToMessageId(), m.attachments()));
            } else if (event instanceof MessageRestored e) {
                messages.computeIfPresent(e.messageId(), (id, m) -> new RoomState.Message(m.id(), m.seq(),
                        m.senderId(), m.content(), m.createdAt(), m.editedAt(), false, m.replyToMessageId(), m.attachments()));
            }
        }

        RoomState state() {
            return new RoomState(id, name, type, deleted, seq, at,
                    participants.entrySet().stream().map(p -> new RoomState.Participant(p.getKey(), p.getValue()))
                            .toList(),
                    messages.values().stream().map(m -> m.deleted() || hidden.contains(m.id())
                            ? new RoomState.Message(m.id(), m.seq(), m.senderId(), null, m.createdAt(), m.editedAt(),
                            m.deleted(), m.replyToMessageId(), List.of()) : m)
                            .toList());
        }
    }
}
