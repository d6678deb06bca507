package io.eventchat.gateway.attachment;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.attachment.AttachmentContent;
import io.eventchat.api.attachment.AttachmentDetails;
import io.eventchat.api.attachment.AttachmentList;
import io.eventchat.api.attachment.AttachmentStats;
import io.eventchat.api.attachment.AttachmentView;
import io.eventchat.api.attachment.FindAttachment;
import io.eventchat.api.attachment.FindAttachmentContent;
import io.eventchat.api.attachment.FindRoomAttachmentStats;
import io.eventchat.api.attachment.FindRoomAttachments;
import io.eventchat.api.attachment.UploadAttachment;
import io.eventchat.gateway.identity.CurrentUser;
import io.eventchat.gateway.web.InvalidInputException;
import io.eventchat.gateway.web.Messaging;
import io.eventchat.gateway.web.PageLimit;
import io.eventchat.gateway.web.ReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

@RestController
@Tag(name = "Attachments")
class AttachmentController {

    private static final Logger log = LoggerFactory.getLogger(AttachmentController.class);
    private static final Pattern TYPE_FILTER = Pattern.compile("[a-z]+(/[a-z0-9.+-]+)?");

    private final AttachmentStorage storage;
    private final Thumbnails thumbnails;
    private final FileTypes fileTypes;
    private final AttachmentProperties properties;
    private final Messaging messaging;
    private final Clock clock;

    AttachmentController(AttachmentStorage storage, Thumbnails thumbnails, FileTypes fileTypes,
                         AttachmentProperties properties, Messaging messaging, Clock clock) {
        this.storage = storage;
        this.thumbnails = thumbnails;
        this.fileTypes = fileTypes;
        this.properties = properties;
        this.messaging = messaging;
        this.clock = clock;
    }

    @PostMapping(path = "/api/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a file (multipart field 'file')",
            description = "At most 10 MiB (413 ATTACHMENT_TOO_LARGE). The type is judged from the bytes: JPEG, PNG, "
                    + "GIF, WebP, PDF, DOC and DOCX are accepted, anything else is 415 UNSUPPORTED_ATTACHMENT_TYPE. "
                    + "Attach it by posting a message with its id in attachmentIds.")
    ResponseEntity<AttachmentView> upload(@AuthenticationPrincipal CurrentUser caller,
                                          @RequestParam("file") MultipartFile file) throws IOException {
        long max = properties.maxSize().toBytes();
        AttachmentStorage.Stored stored;
        try (InputStream content = file.getInputStream()) {
            stored = storage.store(content, max);
        } catch (AttachmentStorage.TooLargeException e) {
            throw tooLarge(max);
        }
        try {
            String type;
            try (InputStream content = storage.open(stored.key()).getInputStream()) {
                type = fileTypes.allowedType(content).orElseThrow(() -> new ChatException(
                        ErrorCode.UNSUPPORTED_ATTACHMENT_TYPE, "Only JPEG, PNG, GIF and WebP images, PDF and Word "
                        + "documents can be attached; the content of this file is something else."));
            }
            UUID id = UUID.randomUUID();
            String name = FileNames.sanitize(file.getOriginalFilename());
            messaging.send(new UploadAttachment(id, caller.id(), name, type, stored.size(), stored.sha256(),
                    stored.key(), clock.instant()), ErrorCode.ATTACHMENT_NOT_FOUND);
            // read-your-writes: the uploader can fetch what the answer describes as soon as it arrives
            ReadModel.await(() -> visible(id, caller), shown -> true);
            return ResponseEntity.created(URI.create("/api/attachments/" + id))
                    .body(new AttachmentView(id, name, type, stored.size(), stored.sha256(),
                            AttachmentView.contentUrl(id)));
        } catch (RuntimeException | IOException e) {
            discard(stored);
            throw e;
        }
    }

    @GetMapping("/api/attachments/{attachmentId}")
    @Operation(summary = "An attachment's metadata",
            description = "For its uploader and the participants of the room where it was posted (403 NOT_ALLOWED "
                    + "otherwise). 410 ATTACHMENT_GONE once its message is deleted.")
    AttachmentDetails get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID attachmentId) {
        return messaging.query(new FindAttachment(attachmentId, caller.id()),
                ResponseTypes.instanceOf(AttachmentDetails.class));
    }

    @GetMapping("/api/attachments/{attachmentId}/content")
    @Operation(summary = "An attachment's bytes",
            description = "With its detected Content-Type, Content-Disposition: attachment (RFC 5987 file name), "
                    + "X-Content-Type-Options: nosniff and an ETag of its SHA-256; Range requests are answered with "
                    + "206. Same access rules as the metadata; 410 ATTACHMENT_GONE once its message is deleted.")
    ResponseEntity<Resource> content(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID attachmentId)
            throws IOException {
        AttachmentContent found = messaging.query(new FindAttachmentContent(attachmentId, caller.id()),
                ResponseTypes.instanceOf(AttachmentContent.class));
        AttachmentDetails details = found.details();
        Resource bytes = storage.open(found.storageKey());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(details.contentType()))
                .contentLength(details.size())
                .eTag(details.sha256())
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(details.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(bytes);
    }

    @GetMapping("/api/attachments/{attachmentId}/thumbnail")
    @Operation(summary = "A preview of an image attachment",
            description = "A PNG that fits in " + Thumbnails.SIZE + " x " + Thumbnails.SIZE + " pixels, made on the "
                    + "first request and kept. JPEG, PNG and GIF images that can be decoded have one; anything else "
                    + "is 404 THUMBNAIL_NOT_AVAILABLE. Same access rules as the content, 410 ATTACHMENT_GONE once its "
                    + "message is deleted.")
    ResponseEntity<Resource> thumbnail(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID attachmentId)
            throws IOException {
        AttachmentContent found = messaging.query(new FindAttachmentContent(attachmentId, caller.id()),
                ResponseTypes.instanceOf(AttachmentContent.class));
        Resource preview = thumbnails.of(found.storageKey(), found.details().contentType())
                .orElseThrow(() -> new ChatException(ErrorCode.THUMBNAIL_NOT_AVAILABLE, "There is no preview of this "
                        + "attachment: only JPEG, PNG and GIF images that can be decoded have one."));
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .contentLength(preview.contentLength())
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(preview);
    }

    @GetMapping("/api/rooms/{roomId}/attachments")
    @Operation(summary = "Attachments posted in a room, newest first",
            description = "Only those of messages that are not deleted. type: a content type (application/pdf) "
                    + "or its first part (image). before: a message seq, from nextCursor. limit: up to 200.")
    AttachmentList list(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
                        @RequestParam(required = false) String type,
                        @RequestParam(required = false) @Min(1) Long before,
                        @RequestParam(defaultValue = "50") @Min(1) long limit) {
        if (type != null && !TYPE_FILTER.matcher(type).matches()) {
            throw new InvalidInputException("type", "must be a content type like image/png, or its first part");
        }
        return messaging.query(new FindRoomAttachments(roomId, caller.id(), type, before, PageLimit.of(limit)),
                ResponseTypes.instanceOf(AttachmentList.class));
    }

    @GetMapping("/api/rooms/{roomId}/attachments/stats")
    @Operation(summary = "A room's attachments counted, in all and by content type")
    AttachmentStats stats(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId) {
        return messaging.query(new FindRoomAttachmentStats(roomId, caller.id()),
                ResponseTypes.instanceOf(AttachmentStats.class));
    }

    private Optional<AttachmentDetails> visible(UUID id, CurrentUser caller) {
        try {
            return Optional.of(get(caller, id));
        } catch (ChatException e) {
            if (e.code() == ErrorCode.ATTACHMENT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String contentDisposition(String fileName) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + FileNames.asciiFallback(fileName) + "\"; filename*=UTF-8''" + encoded;
    }

    static ChatException tooLarge(long max) {
        return new ChatException(ErrorCode.ATTACHMENT_TOO_LARGE,
                "A file may be at most " + max + " bytes (" + (max >> 20) + " MiB).");
    }

    private void discard(AttachmentStorage.Stored stored) {
        try {
            storage.delete(stored.key());
        } catch (IOException e) {
            log.warn("Could not delete the rejected upload {}: {}", stored.key(), e.getMessage());
        }
    }
}
