package io.eventchat.api.message;

import io.eventchat.api.attachment.AttachmentRef;
import io.eventchat.api.room.RoomEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message was posted; {@code seq} is the room's sequence number of this event. Revision 2 carries its attachments'
 * metadata; revision 1 carried bare {@code attachmentIds} (always empty then) and is upcast on reading.
 */
@Revision("2")
public record MessagePosted(UUID roomId, long seq, UUID messageId, UUID senderId, String content,
                            String clientMessageId,
                            UUID replyToMessageId, List<AttachmentRef> attachments, Instant at)
        implements RoomEvent {
}
