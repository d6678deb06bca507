package io.eventchat.gateway.message;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.attachment.AttachmentView;
import io.eventchat.api.message.DeleteMessage;
import io.eventchat.api.message.EditMessage;
import io.eventchat.api.message.FindMessage;
import io.eventchat.api.message.FindRecentMessages;
import io.eventchat.api.message.FindRoomMessages;
import io.eventchat.api.message.LocateMessage;
import io.eventchat.api.message.MessageAccepted;
import io.eventchat.api.message.MessagePage;
import io.eventchat.api.message.MessageView;
import io.eventchat.api.message.PostMessage;
import io.eventchat.api.message.RenderedPage;
import io.eventchat.api.message.RestoreMessage;
import io.eventchat.gateway.identity.CurrentUser;
import io.eventchat.gateway.web.InvalidInputException;
import io.eventchat.gateway.web.Messaging;
import io.eventchat.gateway.web.PageLimit;
import io.eventchat.gateway.web.ReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

@RestController
@Tag(name = "Messages")
class MessageController {

    static final int MAX_CONTENT_LENGTH = 4000;

    private final Messaging messaging;
    private final Clock clock;

    MessageController(Messaging messaging, Clock clock) {
        this.messaging = messaging;
        this.clock = clock;
    }

    @PostMapping("/api/rooms/{roomId}/messages")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(responseCode = "200", description = "A retry: the message first posted with this clientMessageId")
    @Operation(summary = "Post a message",
            description = "403 NOT_A_PARTICIPANT, 404 ROOM_NOT_FOUND, 400 INVALID_REPLY for a reply to another room's "
                    + "message. attachmentIds: up to 10 of the caller's own uploads, each attached once (404 "
                    + "ATTACHMENT_NOT_FOUND, 403 NOT_ALLOWED for someone else's, 409 ATTACHMENT_ALREADY_ATTACHED). A retry with the same clientMessageId answers 200 with the original.")
    ResponseEntity<MessageView> post(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
                                     @Valid @RequestBody PostMessageRequest request) {
        requireContentLength(request.content());
        Instant now = now();
        MessageAccepted accepted = messaging.send(new PostMessage(roomId, UUID.randomUUID(), caller.id(),
                request.content(), request.clientMessageId(), request.replyToMessageId(),
                request.attachmentIds() == null ? List.of() : request.attachmentIds(), now), ErrorCode.ROOM_NOT_FOUND);
        MessageView posted = new MessageView(accepted.messageId(), roomId, accepted.seq(), caller.id(),
                caller.username(), request.content(), accepted.at(), null, false,
                accepted.attachments().stream().map(AttachmentView::of).toList(), request.replyToMessageId(),
                request.clientMessageId());
        if (accepted.duplicate()) {
            // a retry: answer with the message the first attempt stored
            return ResponseEntity.ok(find(accepted.messageId(), caller).orElse(posted));
        }
        return ResponseEntity.created(URI.create("/api/messages/" + accepted.messageId())).body(posted);
    }

    @GetMapping("/api/rooms/{roomId}/messages")
    @Operation(summary = "Page through a room's messages",
            description = "Items ascend by seq. Without cursors: the newest page. 'before': older than that seq; "
                    + "'after': newer than that seq. nextCursor continues in the same direction. "
                    + "limit defaults to 50 and is capped at 200.")
    MessagePage list(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
                     @RequestParam(required = false) @Min(1) Long before,
                     @RequestParam(required = false) @Min(0) Long after,
                     @RequestParam(defaultValue = "50") @Min(1) long limit) {
        if (before != null && after != null) {
            throw new InvalidInputException("before", "cannot be combined with 'after'");
        }
        return messaging.query(new FindRoomMessages(roomId, caller.id(), before, after, PageLimit.of(limit)),
                ResponseTypes.instanceOf(MessagePage.class));
    }

    @GetMapping("/api/rooms/{roomId}/messages/recent")
    @Operation(summary = "The latest 50 messages, oldest first",
            description = "Served from the Redis cache, or from PostgreSQL when Redis is down or has no entry. "
                    + "nextCursor is the seq to continue from with GET …/messages?before=.")
    @ApiResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = MessagePage.class)))
    ResponseEntity<String> recent(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId) {
        // answered as the cache holds it, already rendered
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(messaging.query(
                new FindRecentMessages(roomId, caller.id()), ResponseTypes.instanceOf(RenderedPage.class)).json());
    }

    @GetMapping("/api/messages/{messageId}")
    @Operation(summary = "One message", description = "404 MESSAGE_NOT_FOUND, 403 NOT_A_PARTICIPANT.")
    MessageView get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID messageId) {
        return find(messageId, caller)
                .orElseThrow(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND, "No such message."));
    }

    @PatchMapping("/api/messages/{messageId}")
    @Operation(summary = "Edit a message (author only)", description = "Sets editedAt. 409 MESSAGE_DELETED.")
    MessageView edit(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID messageId,
                     @Valid @RequestBody EditMessageRequest request) {
        requireContentLength(request.content());
        UUID roomId = locate(messageId);
        messaging.send(new EditMessage(roomId, messageId, caller.id(), request.content(), now()),
                ErrorCode.ROOM_NOT_FOUND);
        return settled(messageId, caller, m -> request.content().equals(m.content()) && m.editedAt() != null);
    }

    @DeleteMapping("/api/messages/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Soft-delete a message (author, or app MODERATOR/ADMIN)",
            description = "The message keeps its place with deleted:true and content:null.")
    void delete(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID messageId) {
        UUID roomId = locate(messageId);
        messaging.send(new DeleteMessage(roomId, messageId, caller.id(), caller.role(), now()),
                ErrorCode.ROOM_NOT_FOUND);
    }

    @PostMapping("/api/messages/{messageId}/restore")
    @Operation(summary = "Restore a deleted message (author only)", description = "409 MESSAGE_NOT_DELETED.")
    MessageView restore(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID messageId) {
        UUID roomId = locate(messageId);
        messaging.send(new RestoreMessage(roomId, messageId, caller.id(), now()), ErrorCode.ROOM_NOT_FOUND);
        return settled(messageId, caller, m -> !m.deleted());
    }

    private MessageView settled(UUID messageId, CurrentUser caller, Predicate<MessageView> shows) {
        return ReadModel.await(() -> find(messageId, caller), shows)
                .orElseThrow(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND, "No such message."));
    }

    private Optional<MessageView> find(UUID messageId, CurrentUser caller) {
        return messaging.query(new FindMessage(messageId, caller.id()),
                ResponseTypes.optionalInstanceOf(MessageView.class));
    }

    private UUID locate(UUID messageId) {
        return messaging.<Optional<UUID>, LocateMessage>query(new LocateMessage(messageId),
                        ResponseTypes.optionalInstanceOf(UUID.class))
                .orElseThrow(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND, "No such message."));
    }

    private static void requireContentLength(String content) {
        if (content.strip().length() > MAX_CONTENT_LENGTH) {
            throw new InvalidInputException("content", "must be at most 4000 characters after trimming");
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
