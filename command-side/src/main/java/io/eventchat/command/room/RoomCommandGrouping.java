package io.eventchat.command.room;

import io.eventchat.api.message.DeleteMessage;
import io.eventchat.api.message.EditMessage;
import io.eventchat.api.message.PostMessage;
import io.eventchat.api.message.RestoreMessage;
import io.eventchat.api.room.MarkRead;
import io.eventchat.api.room.RenameRoom;
import io.eventchat.command.batching.GroupPolicy;
import org.springframework.stereotype.Component;

/**
 * The room commands committed in groups: posts (without attachments), edits, deletes and restores of messages, read
 * receipts and renames. Each writes only through the group ({@link ClientMessageIds}, {@link RoomRecords}) or not at
 * all. A room's creation and deletion, membership changes and posts with attachments write elsewhere too (accounts,
 * memberships, the revocation log, attachment records) and are committed on their own.
 */
@Component
class RoomCommandGrouping implements GroupPolicy {

    @Override
    public boolean groupable(Object command) {
        return (command instanceof PostMessage post && (post.attachmentIds() == null || post.attachmentIds().isEmpty()))
                || command instanceof EditMessage || command instanceof DeleteMessage
                || command instanceof RestoreMessage || command instanceof MarkRead || command instanceof RenameRoom;
    }
}
