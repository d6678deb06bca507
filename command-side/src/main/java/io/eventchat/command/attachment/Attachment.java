package io.eventchat.command.attachment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.attachment.AttachmentUploaded;
import io.eventchat.api.attachment.UploadAttachment;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.UUID;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An uploaded file's metadata. The bytes are already stored when the upload is recorded; this aggregate makes the
 * upload a fact in the event log. Attaching it to a message is the room's decision (see ChatRoom), checked against
 * {@link AttachmentRecords} so an upload is attached once, by its uploader.
 */
@Aggregate(filterEventsByType = true, commandTargetResolver = "commandTargetResolver")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Attachment {

    static final int MAX_FILE_NAME = 255;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private UUID attachmentId;
    private UUID uploaderId;

    protected Attachment() {
    }

    @CommandHandler
    Attachment(UploadAttachment command, AttachmentRecords records) {
        String name = command.fileName();
        if (name == null || name.isBlank() || name.length() > MAX_FILE_NAME
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\')) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "A file name is 1 to 255 plain characters.");
        }
        if (command.size() < 0 || command.sha256() == null || !SHA256.matcher(command.sha256()).matches()
                || command.contentType() == null || command.storageKey() == null) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "An upload needs its size, type, hash and storage.");
        }
        records.recordUpload(command);
        apply(new AttachmentUploaded(command.attachmentId(), command.uploaderId(), name, command.contentType(),
                command.size(), command.sha256(), command.storageKey(), command.at()));
    }

    @EventSourcingHandler
    void on(AttachmentUploaded event) {
        attachmentId = event.attachmentId();
        uploaderId = event.uploaderId();
    }
}
