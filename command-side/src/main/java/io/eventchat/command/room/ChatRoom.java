package io.eventchat.command.room;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.Text;
import io.eventchat.api.attachment.AttachmentRef;
import io.eventchat.api.message.DeleteMessage;
import io.eventchat.api.message.EditMessage;
import io.eventchat.api.message.MessageAccepted;
import io.eventchat.api.message.MessageDeleted;
import io.eventchat.api.message.MessageEdited;
import io.eventchat.api.message.MessagePosted;
import io.eventchat.api.message.MessageRestored;
import io.eventchat.api.message.PostMessage;
import io.eventchat.api.message.RestoreMessage;
import io.eventchat.api.room.AddParticipant;
import io.eventchat.api.room.ChangeParticipantRole;
import io.eventchat.api.room.CreateRoom;
import io.eventchat.api.room.DeleteRoom;
import io.eventchat.api.room.MarkRead;
import io.eventchat.api.room.ParticipantAdded;
import io.eventchat.api.room.ParticipantRemoved;
import io.eventchat.api.room.ParticipantRole;
import io.eventchat.api.room.ParticipantRoleChanged;
import io.eventchat.api.room.ReadReceiptRecorded;
import io.eventchat.api.room.RemoveParticipant;
import io.eventchat.api.room.RenameRoom;
import io.eventchat.api.room.RoomCreated;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.api.room.RoomRenamed;
import io.eventchat.api.room.RoomType;
import io.eventchat.api.user.Role;
import io.eventchat.command.attachment.AttachmentRecords;
import io.eventchat.command.user.AccountRegistry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The consistency boundary of a room: who belongs to it and in which role, how far each has read, and the room's
 * gap-free event sequence ({@code seq}): every event it applies carries {@code lastSeq + 1}. Message authorship and
 * deleted flags are checked against {@link RoomRecords}, written in the same transaction, so the state here (and
 * each snapshot) stays the size of the membership, whatever the number of messages.
 */
@Aggregate(snapshotTriggerDefinition = "chatRoomSnapshotTrigger", filterEventsByType = true, cache = "chatRoomCache",
        commandTargetResolver = "commandTargetResolver")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class ChatRoom {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_CONTENT_LENGTH = 4000;
    static final int MAX_PARTICIPANTS = 1000;
    static final int MAX_ATTACHMENTS = 10;
    static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 64;

    // fields are not final: snapshots are read back by Jackson, which does not write into final fields
    @AggregateIdentifier
    private UUID roomId;
    private RoomType type;
    private long lastSeq;
    private boolean deleted;
    private Map<UUID, ParticipantRole> participants = new LinkedHashMap<>();
    private Map<UUID, Long> readUpTo = new HashMap<>();

    protected ChatRoom() {
    }

    @CommandHandler
    ChatRoom(CreateRoom command, AccountRegistry accounts, RoomRecords records, RoomMembers members) {
        Set<UUID> others = new LinkedHashSet<>(command.participantIds() == null ? Set.of() : command.participantIds());
        others.remove(command.creatorId());
        String name = command.type() == RoomType.DIRECT ? null : validName(command.name(), true);
        if (command.type() == RoomType.DIRECT && others.size() != 1) {
            throw new ChatException(ErrorCode.INVALID_PARTICIPANTS, "A direct room takes exactly one other user.");
        }
        if (others.size() + 1 > MAX_PARTICIPANTS) {
            throw new ChatException(ErrorCode.INVALID_PARTICIPANTS, "A room holds at most 1000 participants.");
        }
        Set<UUID> unknown = accounts.unknownOrInactive(others);
        if (!unknown.isEmpty()) {
            throw new ChatException(ErrorCode.INVALID_PARTICIPANTS, "Unknown users: " + unknown);
        }
        if (command.type() == RoomType.DIRECT) {
            records.claimDirect(command.creatorId(), others.iterator().next(), command.roomId());
        }
        apply(new RoomCreated(command.roomId(), 1, name, command.type(), command.creatorId(), command.at()));
        apply(new ParticipantAdded(command.roomId(), 2, command.creatorId(), ParticipantRole.OWNER,
                command.creatorId(), command.at()));
        long seq = 3; // state is only folded in after the constructor returns
        for (UUID userId : others) {
            apply(new ParticipantAdded(command.roomId(), seq++, userId, ParticipantRole.MEMBER, command.creatorId(),
                    command.at()));
        }
        members.created(command.roomId(), command.type(), Set.of(command.creatorId()), others);
    }

    /**
     * Rooms are cached per node ({@code chatRoomCache}), so this copy may be behind the store when another node has
     * appended since. A command that appends is safe: a stale copy's append fails on the (room, sequence) constraint
     * and is retried on the stored room. A command answered without appending (a rejection, a no-op, a client's
     * retry) meets no constraint, so before that answer stands the room's version is compared with the store's; if
     * the store is ahead, the answer is dropped as a concurrency conflict, which evicts this copy and retries the
     * command on the stored room ({@code ConflictRetryScheduler}). A participant added on another node a moment ago
     * can therefore post here at once.
     */
    @CommandHandlerInterceptor
    Object decideOnTheStoredRoom(InterceptorChain chain, RoomVersions versions) throws Exception {
        Long loaded = AggregateLifecycle.getVersion();
        Object answer;
        try {
            answer = chain.proceed();
        } catch (ChatException rejected) {
            versions.requireCurrent(roomId, loaded, rejected);
            throw rejected;
        }
        if (Objects.equals(AggregateLifecycle.getVersion(), loaded)) {
            versions.requireCurrent(roomId, loaded, null);
        }
        return answer;
    }

    @CommandHandler
    void handle(AddParticipant command, AccountRegistry accounts, RoomMembers members) {
        requireGroupManagedBy(command.by());
        if (participants.containsKey(command.userId())) {
            throw new ChatException(ErrorCode.ALREADY_PARTICIPANT, "That user is already a participant.");
        }
        if (!accounts.unknownOrInactive(Set.of(command.userId())).isEmpty()) {
            throw new ChatException(ErrorCode.USER_NOT_FOUND, "No such user.");
        }
        if (participants.size() >= MAX_PARTICIPANTS) {
            throw new ChatException(ErrorCode.INVALID_PARTICIPANTS, "A room holds at most 1000 participants.");
        }
        apply(new ParticipantAdded(roomId, lastSeq + 1, command.userId(), ParticipantRole.MEMBER, command.by(),
                command.at()));
        members.added(roomId, command.userId(), ParticipantRole.MEMBER);
    }

    @CommandHandler
    void handle(RemoveParticipant command, RoomMembers members) {
        requireParticipant(command.by());
        requireGroup();
        ParticipantRole target = participants.get(command.userId());
        if (target == null) {
            throw new ChatException(ErrorCode.NOT_A_PARTICIPANT, "That user is not a participant.");
        }
        boolean leaving = command.userId().equals(command.by());
        ParticipantRole actor = participants.get(command.by());
        if (!leaving && (actor == ParticipantRole.MEMBER || target == ParticipantRole.OWNER
                || (actor == ParticipantRole.ADMIN && target == ParticipantRole.ADMIN))) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "Only the owner or a room admin may remove others.");
        }
        apply(new ParticipantRemoved(roomId, lastSeq + 1, command.userId(), command.by(), command.at()));
        members.removed(roomId, command.userId());
        if (target == ParticipantRole.OWNER && !participants.isEmpty()) {
            UUID heir = participants.entrySet().stream().filter(e -> e.getValue() == ParticipantRole.ADMIN)
                    .map(Map.Entry::getKey).findFirst().orElse(participants.keySet().iterator().next());
            apply(new ParticipantRoleChanged(roomId, lastSeq + 1, heir, ParticipantRole.OWNER, command.by(),
                    command.at()));
            members.roleChanged(roomId, heir, ParticipantRole.OWNER);
        }
    }

    @CommandHandler
    void handle(ChangeParticipantRole command, RoomMembers members) {
        requireParticipant(command.by());
        requireGroup();
        if (participants.get(command.by()) != ParticipantRole.OWNER) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "Only the owner may change roles.");
        }
        if (command.role() == null || command.role() == ParticipantRole.OWNER) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "A role is ADMIN or MEMBER.");
        }
        ParticipantRole current = participants.get(command.userId());
        if (current == null) {
            throw new ChatException(ErrorCode.NOT_A_PARTICIPANT, "That user is not a participant.");
        }
        if (current != command.role() && current != ParticipantRole.OWNER) {
            apply(new ParticipantRoleChanged(roomId, lastSeq + 1, command.userId(), command.role(), command.by(),
                    command.at()));
            members.roleChanged(roomId, command.userId(), command.role());
        }
    }

    @CommandHandler
    void handle(RenameRoom command) {
        requireGroupManagedBy(command.by());
        apply(new RoomRenamed(roomId, lastSeq + 1, validName(command.name(), false), command.by(), command.at()));
    }

    @CommandHandler
    void handle(DeleteRoom command, RoomRecords records, RoomMembers members) {
        requireLive();
        boolean owner = participants.get(command.by()) == ParticipantRole.OWNER;
        if (!owner && command.byAppRole() != Role.ADMIN) {
            throw participants.containsKey(command.by())
                    ? new ChatException(ErrorCode.NOT_ALLOWED, "Only the owner may delete the room.")
                    : notAParticipant();
        }
        if (type == RoomType.DIRECT) {
            records.releaseDirect(roomId);
        }
        apply(new RoomDeleted(roomId, lastSeq + 1, command.by(), Set.copyOf(participants.keySet()), command.at()));
        members.deleted(roomId);
    }

    @CommandHandler
    MessageAccepted handle(PostMessage command, ClientMessageIds clientMessageIds, RoomRecords records,
                           AttachmentRecords attachmentRecords) {
        requireParticipant(command.senderId());
        String content = validContent(command.content());
        if (command.replyToMessageId() != null && records.message(command.replyToMessageId())
                .filter(original -> original.roomId().equals(roomId)).isEmpty()) {
            throw new ChatException(ErrorCode.INVALID_REPLY, "A reply must answer a message of the same room.");
        }
        List<UUID> attachmentIds = validAttachmentIds(command.attachmentIds());
        String clientMessageId = validClientMessageId(command.clientMessageId());
        if (clientMessageId != null) {
            var original = clientMessageIds.find(roomId, command.senderId(), clientMessageId);
            if (original.isPresent()) {
                // before attaching: the retry's uploads are the original's, already attached to it
                return original.get();
            }
        }
        List<AttachmentRef> attachments = attachmentRecords.attach(attachmentIds, command.senderId(), roomId,
                command.messageId());
        long seq = lastSeq + 1;
        apply(new MessagePosted(roomId, seq, command.messageId(), command.senderId(), content, clientMessageId,
                command.replyToMessageId(), attachments, command.at()));
        records.recordMessage(command.messageId(), roomId, seq, command.senderId());
        if (clientMessageId != null) {
            clientMessageIds.record(roomId, command.senderId(), clientMessageId, command.messageId(), seq, command.at());
        }
        return new MessageAccepted(command.messageId(), seq, command.at(), false, attachments);
    }

    @CommandHandler
    void handle(EditMessage command, RoomRecords records) {
        requireParticipant(command.editorId());
        RoomRecords.MessageRecord message = messageOfThisRoom(records, command.messageId());
        if (!message.authorId().equals(command.editorId())) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "Only the author may edit a message.");
        }
        if (message.deleted()) {
            throw new ChatException(ErrorCode.MESSAGE_DELETED, "A deleted message cannot be edited.");
        }
        apply(new MessageEdited(roomId, lastSeq + 1, command.messageId(), command.editorId(),
                validContent(command.content()), command.at()));
    }

    @CommandHandler
    void handle(DeleteMessage command, RoomRecords records) {
        requireLive();
        boolean moderator = command.byAppRole() == Role.MODERATOR || command.byAppRole() == Role.ADMIN;
        if (!moderator) {
            requireParticipant(command.by());
        }
        RoomRecords.MessageRecord message = messageOfThisRoom(records, command.messageId());
        if (!moderator && !message.authorId().equals(command.by())) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "Only the author or a moderator may delete a message.");
        }
        if (!message.deleted()) {
            apply(new MessageDeleted(roomId, lastSeq + 1, command.messageId(), command.by(), command.at()));
            records.markDeleted(command.messageId(), true);
        }
    }

    @CommandHandler
    void handle(RestoreMessage command, RoomRecords records) {
        requireParticipant(command.by());
        RoomRecords.MessageRecord message = messageOfThisRoom(records, command.messageId());
        if (!message.authorId().equals(command.by())) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "Only the author may restore a message.");
        }
        if (!message.deleted()) {
            throw new ChatException(ErrorCode.MESSAGE_NOT_DELETED, "The message is not deleted.");
        }
        apply(new MessageRestored(roomId, lastSeq + 1, command.messageId(), command.by(), command.at()));
        records.markDeleted(command.messageId(), false);
    }

    @CommandHandler
    void handle(MarkRead command) {
        requireParticipant(command.userId());
        if (command.upToSeq() < 1 || command.upToSeq() > lastSeq) {
            throw new ChatException(ErrorCode.INVALID_RECEIPT, "upToSeq must be between 1 and " + lastSeq + ".");
        }
        if (command.upToSeq() > readUpTo.getOrDefault(command.userId(), 0L)) {
            apply(new ReadReceiptRecorded(roomId, lastSeq + 1, command.userId(), command.upToSeq(), command.at()));
        }
    }

    private RoomRecords.MessageRecord messageOfThisRoom(RoomRecords records, UUID messageId) {
        return records.message(messageId).filter(m -> m.roomId().equals(roomId))
                .orElseThrow(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND, "No such message."));
    }

    private void requireLive() {
        if (type == null || deleted) {
            // never created as a room (the id is something else), or deleted
            throw new ChatException(ErrorCode.ROOM_NOT_FOUND, "No such room.");
        }
    }

    private void requireParticipant(UUID userId) {
        requireLive();
        if (!participants.containsKey(userId)) {
            throw notAParticipant();
        }
    }

    private void requireGroup() {
        if (type != RoomType.GROUP) {
            throw new ChatException(ErrorCode.DIRECT_ROOM_FIXED, "A direct room keeps its two participants.");
        }
    }

    private void requireGroupManagedBy(UUID userId) {
        requireParticipant(userId);
        requireGroup();
        if (participants.get(userId) == ParticipantRole.MEMBER) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "Only the owner or a room admin may do this.");
        }
    }

    private static ChatException notAParticipant() {
        return new ChatException(ErrorCode.NOT_A_PARTICIPANT, "You are not a participant of this room.");
    }

    private static String validName(String name, boolean optional) {
        String stripped = name == null ? null : name.strip();
        if (stripped == null && optional) {
            return null;
        }
        if (stripped == null || stripped.isEmpty() || stripped.length() > MAX_NAME_LENGTH) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "A room name is 1 to 100 characters.");
        }
        return Text.requireSingleLine("name", stripped);
    }

    private static List<UUID> validAttachmentIds(List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (ids.stream().anyMatch(Objects::isNull) || new HashSet<>(ids).size() != ids.size()) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "attachmentIds must be distinct attachment ids.");
        }
        if (ids.size() > MAX_ATTACHMENTS) {
            throw new ChatException(ErrorCode.TOO_MANY_ATTACHMENTS,
                    "A message has at most " + MAX_ATTACHMENTS + " attachments.");
        }
        return List.copyOf(ids);
    }

    private static String validClientMessageId(String clientMessageId) {
        if (clientMessageId != null && clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "A clientMessageId is at most 64 characters.");
        }
        return Text.requireSingleLine("clientMessageId", clientMessageId);
    }

    private static String validContent(String content) {
        if (content == null || content.isBlank() || content.strip().length() > MAX_CONTENT_LENGTH) {
            throw new ChatException(ErrorCode.INVALID_CONTENT, "A message is 1 to 4000 characters.");
        }
        return Text.requireMultiLine("content", content);
    }

    @EventSourcingHandler
    void on(RoomCreated event) {
        roomId = event.roomId();
        type = event.type();
        lastSeq = event.seq();
    }

    @EventSourcingHandler
    void on(ParticipantAdded event) {
        participants.put(event.userId(), event.role());
        lastSeq = event.seq();
    }

    @EventSourcingHandler
    void on(ParticipantRemoved event) {
        participants.remove(event.userId());
        readUpTo.remove(event.userId());
        lastSeq = event.seq();
    }

    @EventSourcingHandler
    void on(ParticipantRoleChanged event) {
        participants.put(event.userId(), event.role());
        lastSeq = event.seq();
    }

    @EventSourcingHandler
    void on(ReadReceiptRecorded event) {
        readUpTo.put(event.userId(), event.upToSeq());
        lastSeq = event.seq();
    }

    @EventSourcingHandler
    void on(RoomDeleted event) {
        deleted = true;
        lastSeq = event.seq();
    }

    @EventSourcingHandler
    void on(io.eventchat.api.room.RoomEvent event) {
        // messages and renames change nothing the room's rules depend on but its sequence
        lastSeq = event.seq();
    }
}
