package io.eventchat.query.timeline;

import io.eventchat.api.attachment.AttachmentView;
import io.eventchat.api.message.MessageDeleted;
import io.eventchat.api.message.MessageEdited;
import io.eventchat.api.message.MessagePosted;
import io.eventchat.api.message.MessageRestored;
import io.eventchat.api.room.Frame;
import io.eventchat.api.room.ParticipantAdded;
import io.eventchat.api.room.ParticipantRemoved;
import io.eventchat.api.room.ParticipantRoleChanged;
import io.eventchat.api.room.ReadReceiptRecorded;
import io.eventchat.api.room.RoomCreated;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.api.room.RoomEvent;
import io.eventchat.api.room.RoomRenamed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * How each room event appears to clients. Types are those of the API, plus {@code room.created} and
 * {@code participant.updated}, so that the frames of a room carry every seq with no gap.
 */
public final class Frames {

    private Frames() {
    }

    /**
     * The frame of a room event, with user ids only: usernames are added when frames are read ({@link #named}), so
     * a stored frame depends on nothing but its event and a rebuild reproduces it exactly.
     */
    public static Frame of(RoomEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        String type;
        if (event instanceof MessagePosted e) {
            data.put("id", e.messageId());
            data.put("roomId", e.roomId());
            data.put("seq", e.seq());
            data.put("senderId", e.senderId());
            data.put("content", e.content());
            data.put("createdAt", e.at());
            data.put("editedAt", null);
            data.put("deleted", false);
            data.put("attachments", e.attachments() == null ? List.of()
                    : e.attachments().stream().map(AttachmentView::of).toList());
            data.put("replyToMessageId", e.replyToMessageId());
            data.put("clientMessageId", e.clientMessageId());
            type = "message.posted";
        } else if (event instanceof MessageEdited e) {
            data.put("messageId", e.messageId());
            data.put("content", e.content());
            data.put("editedAt", e.at());
            type = "message.edited";
        } else if (event instanceof MessageDeleted e) {
            data.put("messageId", e.messageId());
            data.put("by", e.by());
            type = "message.deleted";
        } else if (event instanceof MessageRestored e) {
            data.put("messageId", e.messageId());
            data.put("by", e.by());
            type = "message.restored";
        } else if (event instanceof ParticipantAdded e) {
            data.put("userId", e.userId());
            data.put("role", e.role());
            data.put("addedBy", e.addedBy());
            type = "participant.added";
        } else if (event instanceof ParticipantRemoved e) {
            data.put("userId", e.userId());
            data.put("by", e.by());
            type = "participant.removed";
        } else if (event instanceof ParticipantRoleChanged e) {
            data.put("userId", e.userId());
            data.put("role", e.role());
            type = "participant.updated";
        } else if (event instanceof RoomCreated e) {
            data.put("name", e.name());
            data.put("type", e.type());
            data.put("createdBy", e.createdBy());
            type = "room.created";
        } else if (event instanceof RoomRenamed e) {
            data.put("name", e.name());
            data.put("by", e.by());
            type = "room.renamed";
        } else if (event instanceof RoomDeleted e) {
            data.put("by", e.by());
            type = "room.deleted";
        } else if (event instanceof ReadReceiptRecorded e) {
            data.put("userId", e.userId());
            data.put("upToSeq", e.upToSeq());
            type = "receipt";
        } else {
            throw new IllegalArgumentException("No frame for " + event.getClass().getName());
        }
        return new Frame(type, event.roomId(), event.seq(), event.at(), data);
    }

    /** The user ids a frame names for display: a message's sender, an added participant. */
    public static Optional<UUID> namedUser(Frame frame) {
        Object id = switch (frame.type()) {
            case "message.posted" -> frame.data().get("senderId");
            case "participant.added" -> frame.data().get("userId");
            default -> null;
        };
        return id == null ? Optional.empty() : Optional.of(UUID.fromString(id.toString()));
    }

    /** The frame with the display name of the user it names ({@code senderUsername} or {@code username}). */
    public static Frame named(Frame frame, Function<UUID, String> usernames) {
        Optional<UUID> user = namedUser(frame);
        if (user.isEmpty()) {
            return frame;
        }
        Map<String, Object> data = new LinkedHashMap<>(frame.data());
        data.put("message.posted".equals(frame.type()) ? "senderUsername" : "username", usernames.apply(user.get()));
        return new Frame(frame.type(), frame.roomId(), frame.seq(), frame.at(), data);
    }
}
