package io.eventchat.command.room;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
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
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ChatRoomTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID member = UUID.randomUUID();
    private final UUID outsider = UUID.randomUUID();
    private final UUID messageId = UUID.randomUUID();
    private final AccountRegistry accounts = mock(AccountRegistry.class);
    private final ClientMessageIds clientMessageIds = mock(ClientMessageIds.class);
    private final RoomRecords records = mock(RoomRecords.class);
    private final AttachmentRecords attachmentRecords = mock(AttachmentRecords.class);
    private final RoomVersions versions = mock(RoomVersions.class);
    private final RoomMembers members = mock(RoomMembers.class);
    private AggregateTestFixture<ChatRoom> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChatRoom.class);
        fixture.registerInjectableResource(accounts);
        fixture.registerInjectableResource(clientMessageIds);
        fixture.registerInjectableResource(records);
        fixture.registerInjectableResource(attachmentRecords);
        fixture.registerInjectableResource(versions);
        fixture.registerInjectableResource(members);
        when(accounts.unknownOrInactive(anyCollection())).thenReturn(Set.of());
        when(records.message(any())).thenReturn(Optional.empty());
    }

    private Object[] created() {
        return new Object[]{
                new RoomCreated(roomId, 1, "General", RoomType.GROUP, owner, AT),
                new ParticipantAdded(roomId, 2, owner, ParticipantRole.OWNER, owner, AT),
                new ParticipantAdded(roomId, 3, member, ParticipantRole.MEMBER, owner, AT)};
    }

    /** A DIRECT room of owner and member. */
    private Object[] direct() {
        return new Object[]{
                new RoomCreated(roomId, 1, null, RoomType.DIRECT, owner, AT),
                new ParticipantAdded(roomId, 2, owner, ParticipantRole.OWNER, owner, AT),
                new ParticipantAdded(roomId, 3, member, ParticipantRole.MEMBER, owner, AT)};
    }

    /** The created room with member promoted to room admin (seq 4) and admin added as a second room admin. */
    private Object[] withTwoAdmins(UUID admin) {
        return new Object[]{
                new ParticipantRoleChanged(roomId, 4, member, ParticipantRole.ADMIN, owner, AT),
                new ParticipantAdded(roomId, 5, admin, ParticipantRole.MEMBER, owner, AT),
                new ParticipantRoleChanged(roomId, 6, admin, ParticipantRole.ADMIN, owner, AT)};
    }

    /** A room with exactly the maximum number of participants: the owner and 999 members. */
    private List<Object> full() {
        List<Object> events = new java.util.ArrayList<>(List.of(
                new RoomCreated(roomId, 1, "Crowded", RoomType.GROUP, owner, AT),
                new ParticipantAdded(roomId, 2, owner, ParticipantRole.OWNER, owner, AT)));
        for (int i = 1; i < ChatRoom.MAX_PARTICIPANTS; i++) {
            events.add(new ParticipantAdded(roomId, 2 + i, UUID.randomUUID(), ParticipantRole.MEMBER, owner, AT));
        }
        return events;
    }

    private MessagePosted posted(UUID id, UUID sender, long seq) {
        return new MessagePosted(roomId, seq, id, sender, "hello", null, null, List.of(), AT);
    }

    private void recorded(UUID id, UUID author, boolean deleted) {
        when(records.message(id)).thenReturn(Optional.of(new RoomRecords.MessageRecord(roomId, 4, author, deleted)));
    }

    private static Matcher<Object> code(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof ChatException chat && chat.code() == code);
    }

    // creating

    @Test
    void creatorBecomesOwnerAndOthersMembersWithConsecutiveSeqs() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(roomId, "  General ", RoomType.GROUP, owner, Set.of(member, owner), AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
        verify(members).created(roomId, RoomType.GROUP, Set.of(owner), Set.of(member));
    }

    @Test
    void roomWithUnknownParticipantIsRejected() {
        UUID ghost = UUID.randomUUID();
        when(accounts.unknownOrInactive(anyCollection())).thenReturn(Set.of(ghost));
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(roomId, "General", RoomType.GROUP, owner, Set.of(ghost), AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_PARTICIPANTS));
    }

    @Test
    void roomNameOverHundredCharactersIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(roomId, "x".repeat(101), RoomType.GROUP, owner, Set.of(), AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void roomNameWithAControlCharacterIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(roomId, "Gen\u0000eral", RoomType.GROUP, owner, Set.of(), AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture.given(created())
                .when(new RenameRoom(roomId, "Lunch\u0085", owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void roomOverTheParticipantLimitIsRejected() {
        Set<UUID> others = new java.util.HashSet<>();
        while (others.size() < ChatRoom.MAX_PARTICIPANTS) {
            others.add(UUID.randomUUID());
        }
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(roomId, "Stadium", RoomType.GROUP, owner, others, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_PARTICIPANTS));
    }

    @Test
    void roomAtTheParticipantLimitIsCreated() {
        Set<UUID> others = new java.util.HashSet<>();
        while (others.size() < ChatRoom.MAX_PARTICIPANTS - 1) {
            others.add(UUID.randomUUID());
        }
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(roomId, "Stadium", RoomType.GROUP, owner, others, AT))
                .expectSuccessfulHandlerExecution()
                // the creation and one ParticipantAdded per participant
                .expectEventsMatching(Matchers.payloadsMatching(
                        Matchers.predicate((List<?> payloads) -> payloads.size() == ChatRoom.MAX_PARTICIPANTS + 1)));
    }

    @Test
    void directRoomClaimsThePairAndHasNoName() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(roomId, "ignored", RoomType.DIRECT, owner, Set.of(member), AT))
                .expectEvents(new RoomCreated(roomId, 1, null, RoomType.DIRECT, owner, AT),
                        new ParticipantAdded(roomId, 2, owner, ParticipantRole.OWNER, owner, AT),
                        new ParticipantAdded(roomId, 3, member, ParticipantRole.MEMBER, owner, AT));
        verify(records).claimDirect(owner, member, roomId);
    }

    @Test
    void directRoomNeedsExactlyOneOtherUser() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(roomId, null, RoomType.DIRECT, owner, Set.of(member, outsider), AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_PARTICIPANTS));
    }

    @Test
    void secondDirectRoomOfAPairIsRejected() {
        doThrow(new ChatException(ErrorCode.ALREADY_EXISTS, "exists")).when(records).claimDirect(owner, member, roomId);
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(roomId, null, RoomType.DIRECT, owner, Set.of(member), AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.ALREADY_EXISTS));
    }

    // participants

    @Test
    void ownerAddsParticipant() {
        fixture.given(created())
                .when(new AddParticipant(roomId, outsider, owner, AT))
                .expectEvents(new ParticipantAdded(roomId, 4, outsider, ParticipantRole.MEMBER, owner, AT));
        verify(members).added(roomId, outsider, ParticipantRole.MEMBER);
    }

    @Test
    void memberCannotAddParticipant() {
        fixture.given(created())
                .when(new AddParticipant(roomId, outsider, member, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
    }

    @Test
    void addingAParticipantTwiceConflicts() {
        fixture.given(created())
                .when(new AddParticipant(roomId, member, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.ALREADY_PARTICIPANT));
    }

    @Test
    void directRoomTakesNoNewParticipants() {
        fixture.given(new RoomCreated(roomId, 1, null, RoomType.DIRECT, owner, AT),
                        new ParticipantAdded(roomId, 2, owner, ParticipantRole.OWNER, owner, AT),
                        new ParticipantAdded(roomId, 3, member, ParticipantRole.MEMBER, owner, AT))
                .when(new AddParticipant(roomId, outsider, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.DIRECT_ROOM_FIXED));
    }

    @Test
    void unknownOrDeactivatedUserCannotBeAdded() {
        when(accounts.unknownOrInactive(Set.of(outsider))).thenReturn(Set.of(outsider));
        fixture.given(created())
                .when(new AddParticipant(roomId, outsider, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void fullRoomTakesNoFurtherParticipant() {
        fixture.given(full())
                .when(new AddParticipant(roomId, outsider, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_PARTICIPANTS));
    }

    @Test
    void roomOneBelowTheLimitTakesOneMore() {
        List<Object> almostFull = full();
        almostFull.remove(almostFull.size() - 1);
        fixture.given(almostFull)
                .when(new AddParticipant(roomId, outsider, owner, AT))
                .expectEvents(new ParticipantAdded(roomId, ChatRoom.MAX_PARTICIPANTS + 1, outsider,
                        ParticipantRole.MEMBER, owner, AT));
    }

    @Test
    void outsiderCannotAddParticipant() {
        fixture.given(created())
                .when(new AddParticipant(roomId, UUID.randomUUID(), outsider, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void memberLeaves() {
        fixture.given(created())
                .when(new RemoveParticipant(roomId, member, member, AT))
                .expectEvents(new ParticipantRemoved(roomId, 4, member, member, AT));
        verify(members).removed(roomId, member);
    }

    @Test
    void leavingOwnerPassesOwnershipOn() {
        fixture.given(created())
                .when(new RemoveParticipant(roomId, owner, owner, AT))
                .expectEvents(new ParticipantRemoved(roomId, 4, owner, owner, AT),
                        new ParticipantRoleChanged(roomId, 5, member, ParticipantRole.OWNER, owner, AT));
        verify(members).removed(roomId, owner);
        verify(members).roleChanged(roomId, member, ParticipantRole.OWNER);
    }

    @Test
    void memberCannotRemoveOthers() {
        fixture.given(created())
                .when(new RemoveParticipant(roomId, owner, member, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
    }

    @Test
    void removingSomeoneWhoIsNotAParticipantIsRejected() {
        fixture.given(created())
                .when(new RemoveParticipant(roomId, outsider, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void outsiderCannotRemoveAParticipant() {
        fixture.given(created())
                .when(new RemoveParticipant(roomId, member, outsider, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void roomAdminCannotRemoveTheOwner() {
        fixture.given(created())
                .andGiven(new ParticipantRoleChanged(roomId, 4, member, ParticipantRole.ADMIN, owner, AT))
                .when(new RemoveParticipant(roomId, owner, member, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
    }

    @Test
    void roomAdminCannotRemoveAnotherRoomAdmin() {
        UUID admin = UUID.randomUUID();
        fixture.given(created())
                .andGiven(withTwoAdmins(admin))
                .when(new RemoveParticipant(roomId, admin, member, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
    }

    @Test
    void roomAdminRemovesAMember() {
        UUID admin = UUID.randomUUID();
        fixture.given(created())
                .andGiven(new ParticipantAdded(roomId, 4, admin, ParticipantRole.MEMBER, owner, AT),
                        new ParticipantRoleChanged(roomId, 5, admin, ParticipantRole.ADMIN, owner, AT))
                .when(new RemoveParticipant(roomId, member, admin, AT))
                .expectEvents(new ParticipantRemoved(roomId, 6, member, admin, AT));
    }

    @Test
    void nobodyIsRemovedFromADirectRoom() {
        fixture.given(direct())
                .when(new RemoveParticipant(roomId, member, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.DIRECT_ROOM_FIXED));
    }

    @Test
    void ownerMakesAMemberRoomAdmin() {
        fixture.given(created())
                .when(new ChangeParticipantRole(roomId, member, ParticipantRole.ADMIN, owner, AT))
                .expectEvents(new ParticipantRoleChanged(roomId, 4, member, ParticipantRole.ADMIN, owner, AT));
    }

    @Test
    void onlyTheOwnerChangesRoles() {
        fixture.given(created())
                .when(new ChangeParticipantRole(roomId, owner, ParticipantRole.MEMBER, member, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
    }

    @Test
    void nobodyIsMadeOwnerByARoleChange() {
        fixture.given(created())
                .when(new ChangeParticipantRole(roomId, member, ParticipantRole.OWNER, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void roleChangeWithoutARoleIsRejected() {
        fixture.given(created())
                .when(new ChangeParticipantRole(roomId, member, null, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void roleOfSomeoneWhoIsNotAParticipantCannotChange() {
        fixture.given(created())
                .when(new ChangeParticipantRole(roomId, outsider, ParticipantRole.ADMIN, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void rolesInADirectRoomDoNotChange() {
        fixture.given(direct())
                .when(new ChangeParticipantRole(roomId, member, ParticipantRole.ADMIN, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.DIRECT_ROOM_FIXED));
    }

    @Test
    void outsiderCannotChangeRoles() {
        fixture.given(created())
                .when(new ChangeParticipantRole(roomId, member, ParticipantRole.ADMIN, outsider, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void roomAdminRenames() {
        fixture.given(created())
                .andGiven(new ParticipantRoleChanged(roomId, 4, member, ParticipantRole.ADMIN, owner, AT))
                .when(new RenameRoom(roomId, " Lunch ", member, AT))
                .expectEvents(new RoomRenamed(roomId, 5, "Lunch", member, AT));
    }

    @Test
    void memberCannotRename() {
        fixture.given(created())
                .when(new RenameRoom(roomId, "Mine", member, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
    }

    @Test
    void blankOrOverlongNewNameIsRejected() {
        fixture.given(created())
                .when(new RenameRoom(roomId, "   ", owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture.given(created())
                .when(new RenameRoom(roomId, null, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture.given(created())
                .when(new RenameRoom(roomId, "x".repeat(ChatRoom.MAX_NAME_LENGTH + 1), owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void directRoomCannotBeRenamed() {
        fixture.given(direct())
                .when(new RenameRoom(roomId, "Us two", owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.DIRECT_ROOM_FIXED));
    }

    @Test
    void outsiderCannotDeleteTheRoom() {
        fixture.given(created())
                .when(new DeleteRoom(roomId, outsider, Role.USER, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
        fixture.given(created())
                .when(new DeleteRoom(roomId, outsider, Role.MODERATOR, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void deletedRoomCannotBeDeletedAgain() {
        fixture.given(created())
                .andGiven(new RoomDeleted(roomId, 4, owner, Set.of(owner, member), AT))
                .when(new DeleteRoom(roomId, owner, Role.ADMIN, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.ROOM_NOT_FOUND));
        verify(records, never()).releaseDirect(any());
    }

    @Test
    void ownerDeletesTheRoomAndThenNothingCanBeDoneInIt() {
        fixture.given(created())
                .when(new DeleteRoom(roomId, owner, Role.USER, AT))
                .expectEvents(new RoomDeleted(roomId, 4, owner, Set.of(owner, member), AT));
        verify(members).deleted(roomId);
        fixture.given(created())
                .andGiven(new RoomDeleted(roomId, 4, owner, Set.of(owner, member), AT))
                .when(new PostMessage(roomId, messageId, member, "anyone?", null, null, null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void appAdminDeletesAnyRoomButAMemberCannot() {
        fixture.given(created())
                .when(new DeleteRoom(roomId, outsider, Role.ADMIN, AT))
                .expectEvents(new RoomDeleted(roomId, 4, outsider, Set.of(owner, member), AT));
        fixture.given(created())
                .when(new DeleteRoom(roomId, member, Role.MODERATOR, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
    }

    // messages

    @Test
    void participantCanPostMessage() {
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, " hello <b>there</b> ", "c-1", null, null, AT))
                .expectEvents(new MessagePosted(roomId, 4, messageId, member, " hello <b>there</b> ", "c-1", null,
                        List.of(), AT))
                .expectResultMessagePayload(new MessageAccepted(messageId, 4, AT, false, List.of()));
        verify(records).recordMessage(messageId, roomId, 4, member);
        verify(clientMessageIds).record(roomId, member, "c-1", messageId, 4, AT);
    }

    @Test
    void outsiderCannotPostMessage() {
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, outsider, "let me in", null, null, null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void removedParticipantCannotPostAMomentLater() {
        fixture.given(created())
                .andGiven(new ParticipantRemoved(roomId, 4, member, owner, AT))
                .when(new PostMessage(roomId, messageId, member, "still here?", null, null, null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void blankOrOverlongMessagesAreRejected() {
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, " \n\t ", null, null, null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_CONTENT));
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, "y".repeat(4001), null, null, null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_CONTENT));
    }

    @Test
    void contentWithAControlCharacterIsRejectedButLineBreaksAndTabsAreKept() {
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, "a\u0000b", null, null, null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, "hi", "c\u001b", null, null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        recorded(messageId, member, false);
        fixture.given(created())
                .andGiven(posted(messageId, member, 4))
                .when(new EditMessage(roomId, messageId, member, "edited\u0007", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, "one\ntwo\r\n\tthree", null, null, null, AT))
                .expectEvents(new MessagePosted(roomId, 4, messageId, member, "one\ntwo\r\n\tthree", null, null,
                        List.of(), AT));
    }

    @Test
    void aClientMessageIdOverSixtyFourCharactersIsRejected() {
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, "hi", "c".repeat(65), null, null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void fourThousandCharactersPlusSurroundingSpaceAreAccepted() {
        String content = "  " + "y".repeat(4000) + "  ";
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, content, null, null, null, AT))
                .expectEvents(new MessagePosted(roomId, 4, messageId, member, content, null, null, List.of(), AT));
    }

    @Test
    void retryWithTheSameClientMessageIdAnswersTheOriginalAndPostsNothing() {
        UUID original = UUID.randomUUID();
        when(clientMessageIds.find(roomId, member, "c-1"))
                .thenReturn(Optional.of(new MessageAccepted(original, 4, AT, true, List.of())));
        fixture.given(created())
                .andGiven(posted(original, member, 4))
                .when(new PostMessage(roomId, messageId, member, "hello", "c-1", null, null, AT.plusSeconds(5)))
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted(original, 4, AT, true, List.of()));
    }

    // attachments

    private static AttachmentRef ref(String name) {
        return new AttachmentRef(UUID.randomUUID(), name, "application/pdf", 1234, "ab".repeat(32));
    }

    private PostMessage postWith(UUID sender, List<UUID> attachmentIds) {
        return new PostMessage(roomId, messageId, sender, "files", "c-9", null, attachmentIds, AT);
    }

    @Test
    void participantPostsTheirUploadsAndTheEventCarriesTheirMetadataInTheOrderGiven() {
        AttachmentRef second = ref("b.pdf");
        AttachmentRef first = ref("a.pdf");
        List<UUID> ids = List.of(second.id(), first.id());
        when(attachmentRecords.attach(ids, member, roomId, messageId)).thenReturn(List.of(second, first));
        fixture.given(created())
                .when(postWith(member, ids))
                .expectEvents(new MessagePosted(roomId, 4, messageId, member, "files", "c-9", null,
                        List.of(second, first), AT))
                .expectResultMessagePayload(new MessageAccepted(messageId, 4, AT, false, List.of(second, first)));
        verify(records).recordMessage(messageId, roomId, 4, member);
    }

    @Test
    void tenAttachmentsArePostedButElevenAreTooMany() {
        List<AttachmentRef> ten = java.util.stream.IntStream.range(0, 10).mapToObj(i -> ref(i + ".pdf")).toList();
        List<UUID> tenIds = ten.stream().map(AttachmentRef::id).toList();
        when(attachmentRecords.attach(tenIds, member, roomId, messageId)).thenReturn(ten);
        fixture.given(created())
                .when(postWith(member, tenIds))
                .expectEvents(new MessagePosted(roomId, 4, messageId, member, "files", "c-9", null, ten, AT));

        List<UUID> eleven = new java.util.ArrayList<>(tenIds);
        eleven.add(UUID.randomUUID());
        fixture.given(created())
                .when(postWith(member, eleven))
                .expectNoEvents()
                .expectException(code(ErrorCode.TOO_MANY_ATTACHMENTS));
        verify(attachmentRecords, never()).attach(org.mockito.ArgumentMatchers.eq(eleven), any(), any(), any());
    }

    @Test
    void theSameUploadTwiceOrANullIdIsRejected() {
        UUID id = UUID.randomUUID();
        fixture.given(created())
                .when(postWith(member, List.of(id, id)))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture.given(created())
                .when(postWith(member, java.util.Arrays.asList(id, null)))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        verify(attachmentRecords, never()).attach(any(), any(), any(), any());
    }

    @Test
    void someoneElsesUploadAnUploadAttachedElsewhereOrAnUnknownOneIsRejectedAndNothingIsRecorded() {
        // the records decide (they hold who uploaded what and where it went); the room must let their refusal
        // through before it applies or records anything
        for (ErrorCode refusal : List.of(ErrorCode.NOT_ALLOWED, ErrorCode.ATTACHMENT_ALREADY_ATTACHED,
                ErrorCode.ATTACHMENT_NOT_FOUND)) {
            UUID upload = UUID.randomUUID();
            doThrow(new ChatException(refusal, "refused"))
                    .when(attachmentRecords).attach(List.of(upload), member, roomId, messageId);
            fixture.given(created())
                    .when(postWith(member, List.of(upload)))
                    .expectNoEvents()
                    .expectException(code(refusal));
        }
        verify(records, never()).recordMessage(any(), any(), org.mockito.ArgumentMatchers.anyLong(), any());
        verify(clientMessageIds, never()).record(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyLong(),
                any());
    }

    @Test
    void outsiderCannotAttachTheirUploadToTheRoom() {
        fixture.given(created())
                .when(postWith(outsider, List.of(UUID.randomUUID())))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
        verify(attachmentRecords, never()).attach(any(), any(), any(), any());
    }

    @Test
    void nothingIsAttachedInADeletedRoom() {
        fixture.given(created())
                .andGiven(new RoomDeleted(roomId, 4, owner, Set.of(owner, member), AT))
                .when(postWith(member, List.of(UUID.randomUUID())))
                .expectNoEvents()
                .expectException(code(ErrorCode.ROOM_NOT_FOUND));
        verify(attachmentRecords, never()).attach(any(), any(), any(), any());
    }

    @Test
    void aRetryAnswersTheOriginalWithoutClaimingItsUploadsAgain() {
        UUID upload = UUID.randomUUID();
        MessageAccepted original = new MessageAccepted(UUID.randomUUID(), 4, AT, true, List.of());
        when(clientMessageIds.find(roomId, member, "c-9")).thenReturn(Optional.of(original));
        fixture.given(created())
                .when(postWith(member, List.of(upload)))
                .expectNoEvents()
                .expectResultMessagePayload(original);
        verify(attachmentRecords, never()).attach(any(), any(), any(), any());
    }

    @Test
    void replyToAMessageOfTheSameRoomIsPosted() {
        UUID original = UUID.randomUUID();
        recorded(original, owner, false);
        fixture.given(created())
                .andGiven(posted(original, owner, 4))
                .when(new PostMessage(roomId, messageId, member, "yes", null, original, null, AT))
                .expectEvents(new MessagePosted(roomId, 5, messageId, member, "yes", null, original, List.of(), AT));
    }

    @Test
    void replyToAMessageOfAnotherRoomIsRejected() {
        UUID elsewhere = UUID.randomUUID();
        when(records.message(elsewhere)).thenReturn(Optional.of(
                new RoomRecords.MessageRecord(UUID.randomUUID(), 9, owner, false)));
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, "yes", null, elsewhere, null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_REPLY));
    }

    @Test
    void authorEditsTheirMessage() {
        recorded(messageId, member, false);
        fixture.given(created())
                .andGiven(posted(messageId, member, 4))
                .when(new EditMessage(roomId, messageId, member, "hello, edited", AT))
                .expectEvents(new MessageEdited(roomId, 5, messageId, member, "hello, edited", AT));
    }

    @Test
    void othersCannotEditAMessage() {
        recorded(messageId, member, false);
        fixture.given(created())
                .andGiven(posted(messageId, member, 4))
                .when(new EditMessage(roomId, messageId, owner, "mine now", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
    }

    @Test
    void editToBlankOrOverlongContentIsRejected() {
        recorded(messageId, member, false);
        fixture.given(created())
                .andGiven(posted(messageId, member, 4))
                .when(new EditMessage(roomId, messageId, member, "  \n ", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_CONTENT));
        fixture.given(created())
                .andGiven(posted(messageId, member, 4))
                .when(new EditMessage(roomId, messageId, member, "y".repeat(ChatRoom.MAX_CONTENT_LENGTH + 1), AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_CONTENT));
    }

    @Test
    void outsiderCannotEditEvenTheirOldMessage() {
        recorded(messageId, outsider, false);
        fixture.given(created())
                .when(new EditMessage(roomId, messageId, outsider, "I left", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void deletedMessageCannotBeEdited() {
        recorded(messageId, member, true);
        fixture.given(created())
                .when(new EditMessage(roomId, messageId, member, "revive", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.MESSAGE_DELETED));
    }

    @Test
    void unknownMessageIsNotFound() {
        fixture.given(created())
                .when(new EditMessage(roomId, messageId, member, "where?", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.MESSAGE_NOT_FOUND));
    }

    @Test
    void authorDeletesOnce() {
        recorded(messageId, member, false);
        fixture.given(created())
                .andGiven(posted(messageId, member, 4))
                .when(new DeleteMessage(roomId, messageId, member, Role.USER, AT))
                .expectEvents(new MessageDeleted(roomId, 5, messageId, member, AT));
        verify(records).markDeleted(messageId, true);
        recorded(messageId, member, true);
        fixture.given(created())
                .when(new DeleteMessage(roomId, messageId, member, Role.USER, AT))
                .expectNoEvents();
    }

    @Test
    void moderatorDeletesAnyMessageEvenFromOutside() {
        recorded(messageId, member, false);
        fixture.given(created())
                .when(new DeleteMessage(roomId, messageId, outsider, Role.MODERATOR, AT))
                .expectEvents(new MessageDeleted(roomId, 4, messageId, outsider, AT));
    }

    @Test
    void otherParticipantCannotDeleteAMessage() {
        recorded(messageId, member, false);
        fixture.given(created())
                .when(new DeleteMessage(roomId, messageId, owner, Role.USER, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
        verify(records, never()).markDeleted(any(), org.mockito.ArgumentMatchers.anyBoolean());
    }

    @Test
    void outsiderWhoIsNoModeratorCannotDeleteAMessage() {
        recorded(messageId, member, false);
        fixture.given(created())
                .when(new DeleteMessage(roomId, messageId, outsider, Role.USER, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
        verify(records, never()).markDeleted(any(), org.mockito.ArgumentMatchers.anyBoolean());
    }

    @Test
    void moderatorCannotDeleteAMessageOfAnotherRoom() {
        when(records.message(messageId)).thenReturn(Optional.of(
                new RoomRecords.MessageRecord(UUID.randomUUID(), 4, member, false)));
        fixture.given(created())
                .when(new DeleteMessage(roomId, messageId, outsider, Role.MODERATOR, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.MESSAGE_NOT_FOUND));
    }

    @Test
    void authorRestoresADeletedMessage() {
        recorded(messageId, member, true);
        fixture.given(created())
                .when(new RestoreMessage(roomId, messageId, member, AT))
                .expectEvents(new MessageRestored(roomId, 4, messageId, member, AT));
        verify(records).markDeleted(messageId, false);
    }

    @Test
    void restoringAMessageThatIsNotDeletedConflicts() {
        recorded(messageId, member, false);
        fixture.given(created())
                .when(new RestoreMessage(roomId, messageId, member, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.MESSAGE_NOT_DELETED));
    }

    @Test
    void outsiderCannotRestoreAMessage() {
        recorded(messageId, outsider, true);
        fixture.given(created())
                .when(new RestoreMessage(roomId, messageId, outsider, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
        verify(records, never()).markDeleted(any(), org.mockito.ArgumentMatchers.anyBoolean());
    }

    @Test
    void onlyTheAuthorRestores() {
        recorded(messageId, member, true);
        fixture.given(created())
                .when(new RestoreMessage(roomId, messageId, owner, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_ALLOWED));
    }

    // receipts

    @Test
    void readReceiptMovesForwardOnly() {
        fixture.given(created())
                .andGiven(posted(messageId, owner, 4))
                .when(new MarkRead(roomId, member, 4, AT))
                .expectEvents(new ReadReceiptRecorded(roomId, 5, member, 4, AT));
        fixture.given(created())
                .andGiven(posted(messageId, owner, 4), new ReadReceiptRecorded(roomId, 5, member, 4, AT))
                .when(new MarkRead(roomId, member, 3, AT))
                .expectNoEvents();
    }

    @Test
    void receiptBeyondTheRoomIsRejected() {
        fixture.given(created())
                .when(new MarkRead(roomId, member, 99, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_RECEIPT));
    }

    @Test
    void receiptBelowTheFirstSeqIsRejected() {
        fixture.given(created())
                .when(new MarkRead(roomId, member, 0, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_RECEIPT));
        fixture.given(created())
                .when(new MarkRead(roomId, member, -5, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.INVALID_RECEIPT));
    }

    @Test
    void receiptUpToTheLastSeqIsRecorded() {
        fixture.given(created())
                .when(new MarkRead(roomId, member, 3, AT))
                .expectEvents(new ReadReceiptRecorded(roomId, 4, member, 3, AT));
    }

    @Test
    void outsiderCannotMarkARoomRead() {
        fixture.given(created())
                .when(new MarkRead(roomId, outsider, 1, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
    }

    // a room served from a stale cache

    @Test
    void rejectionStandsOnlyOnceTheStoreHasNothingNewer() {
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, outsider, "let me in", null, null, null, AT))
                .expectException(code(ErrorCode.NOT_A_PARTICIPANT));
        // the three given events are sequence numbers 0 to 2
        verify(versions).requireCurrent(org.mockito.ArgumentMatchers.eq(roomId), org.mockito.ArgumentMatchers.eq(2L),
                org.mockito.ArgumentMatchers.argThat(e -> e instanceof ChatException chat
                        && chat.code() == ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void rejectionDecidedOnAStaleCopyBecomesAConflictThatIsRetried() {
        doThrow(new ConcurrencyException("the store is ahead")).when(versions)
                .requireCurrent(any(), any(), any());
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, outsider, "let me in", null, null, null, AT))
                .expectNoEvents()
                .expectException(ConcurrencyException.class);
    }

    @Test
    void answerWithoutAnEventIsCheckedAgainstTheStore() {
        fixture.given(created())
                .andGiven(posted(messageId, owner, 4), new ReadReceiptRecorded(roomId, 5, member, 4, AT))
                .when(new MarkRead(roomId, member, 3, AT))
                .expectNoEvents();
        verify(versions).requireCurrent(roomId, 4L, null);
    }

    @Test
    void commandThatAppendsLeavesTheCheckToTheSequenceConstraint() {
        fixture.given(created())
                .when(new PostMessage(roomId, messageId, member, "hello", null, null, null, AT))
                .expectEvents(new MessagePosted(roomId, 4, messageId, member, "hello", null, null, List.of(), AT));
        verify(versions, never()).requireCurrent(any(), any(), any());
    }
}
