package io.eventchat.query.message;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A message row; {@code version} is the seq of the last room event applied to it, so no event applies twice. */
@Entity(name = "Message")
@Table(name = "message")
class Message {

    @Id
    private UUID id;
    private UUID roomId;
    private long seq;
    private UUID senderId;
    private String content;
    private Instant createdAt;
    private Instant editedAt;
    private boolean deleted;
    private UUID replyToMessageId;
    private String clientMessageId;
    /** The attachments' metadata as JSON, from the event; null when there are none. */
    private String attachments;
    private long version;

    protected Message() {
    }

    Message(UUID id, UUID roomId, long seq, UUID senderId, String content, Instant createdAt,
            UUID replyToMessageId, String clientMessageId, String attachments) {
        this.id = id;
        this.roomId = roomId;
        this.seq = seq;
        this.senderId = senderId;
        this.content = content;
        this.createdAt = createdAt;
        this.replyToMessageId = replyToMessageId;
        this.clientMessageId = clientMessageId;
        this.attachments = attachments;
        this.version = seq;
    }

    /** Applies a change made by the room event {@code eventSeq}, unless this row already reflects it. */
    boolean change(long eventSeq, Runnable change) {
        if (eventSeq <= version) {
            return false;
        }
        change.run();
        version = eventSeq;
        return true;
    }

    void edit(String content, Instant at) {
        this.content = content;
        this.editedAt = at;
    }

    void deleted(boolean deleted) {
        this.deleted = deleted;
    }

    UUID senderId() {
        return senderId;
    }

    /** The row as a reader sees it, with its sender's username (a deleted message without its content). */
    MessageRow row(String senderUsername) {
        return new MessageRow(id, roomId, seq, senderId, senderUsername, content, createdAt, editedAt, deleted,
                replyToMessageId, clientMessageId, attachments);
    }
}
