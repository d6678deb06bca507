package io.eventchat.query.attachment;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.attachment.AttachmentContent;
import io.eventchat.api.attachment.AttachmentDetails;
import io.eventchat.api.attachment.AttachmentList;
import io.eventchat.api.attachment.AttachmentStats;
import io.eventchat.api.attachment.AttachmentUploaded;
import io.eventchat.api.attachment.FindAttachment;
import io.eventchat.api.attachment.FindAttachmentContent;
import io.eventchat.api.attachment.FindRoomAttachmentStats;
import io.eventchat.api.attachment.FindRoomAttachments;
import io.eventchat.api.message.MessageDeleted;
import io.eventchat.api.message.MessagePosted;
import io.eventchat.api.message.MessageRestored;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.query.access.RoomAccess;
import io.eventchat.query.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

/**
 * The attachments projection on its own: events handed straight to its handlers, queries asked straight of its
 * query handlers, no Axon and no Spring, on real PostgreSQL (its SQL is PostgreSQL's). Who belongs to which room is
 * the command side's business ({@link RoomAccess} asks it), stubbed here.
 */
class AttachmentProjectionIT {

    private static final Instant UPLOADED = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final Instant POSTED = UPLOADED.plusSeconds(60);
    private static final String SHA256 = "ab".repeat(32);

    private final JdbcClient jdbc = TestDatabase.JDBC;
    private final RoomAccess access = mock(RoomAccess.class);
    private final AttachmentProjection projection = new AttachmentProjection(jdbc);
    private final AttachmentQueries queries = new AttachmentQueries(jdbc, access);

    private final UUID roomId = UUID.randomUUID();
    private final UUID uploader = UUID.randomUUID();
    private final UUID member = UUID.randomUUID();
    private final UUID outsider = UUID.randomUUID();

    @BeforeEach
    void membership() {
        doThrow(new ChatException(ErrorCode.NOT_A_PARTICIPANT, "no")).when(access).requireParticipant(any(),
                eq(outsider));
    }

    private AttachmentUploaded uploaded(String name, String type, long size) {
        return new AttachmentUploaded(UUID.randomUUID(), uploader, name, type, size, SHA256,
                UUID.randomUUID().toString(), UPLOADED);
    }

    private MessagePosted posted(UUID messageId, long seq, AttachmentUploaded... uploads) {
        return new MessagePosted(roomId, seq, messageId, uploader, "files", null, null,
                java.util.Arrays.stream(uploads).map(AttachmentUploaded::ref).toList(), POSTED);
    }

    private AttachmentDetails find(UUID attachmentId, UUID requester) {
        return queries.handle(new FindAttachment(attachmentId, requester));
    }

    private AttachmentContent content(UUID attachmentId, UUID requester) {
        return queries.handle(new FindAttachmentContent(attachmentId, requester));
    }

    private static ErrorCode refusal(Runnable query) {
        ChatException refused = catchThrowableOfType(ChatException.class, query::run);
        assertThat(refused).as("refused").isNotNull();
        return refused.code();
    }

    private Map<String, Object> row(UUID attachmentId) {
        return jdbc.sql("SELECT * FROM attachment WHERE id = ?").param(attachmentId).query().singleRow();
    }

    @Test
    void anUploadIsTheUploadersAloneUntilPostedThenTheRoomsParticipantsToo() {
        AttachmentUploaded upload = uploaded("plan.pdf", "application/pdf", 2048);
        projection.on(upload);

        AttachmentDetails mine = find(upload.attachmentId(), uploader);
        assertThat(mine).isEqualTo(new AttachmentDetails(upload.attachmentId(), "plan.pdf", "application/pdf", 2048,
                SHA256, "/api/attachments/" + upload.attachmentId() + "/content", uploader, UPLOADED, null, null,
                null));
        assertThat(content(upload.attachmentId(), uploader).storageKey()).isEqualTo(upload.storageKey());
        assertThat(refusal(() -> find(upload.attachmentId(), member))).isEqualTo(ErrorCode.NOT_ALLOWED);

        UUID messageId = UUID.randomUUID();
        projection.on(posted(messageId, 4, upload));

        AttachmentDetails shared = find(upload.attachmentId(), member);
        assertThat(shared.roomId()).isEqualTo(roomId);
        assertThat(shared.messageId()).isEqualTo(messageId);
        assertThat(shared.postedAt()).isEqualTo(POSTED);
        assertThat(shared.uploadedAt()).isEqualTo(UPLOADED);
        assertThat(content(upload.attachmentId(), member).storageKey()).isEqualTo(upload.storageKey());
        assertThat(refusal(() -> find(upload.attachmentId(), outsider))).isEqualTo(ErrorCode.NOT_ALLOWED);
        assertThat(refusal(() -> content(upload.attachmentId(), outsider))).isEqualTo(ErrorCode.NOT_ALLOWED);
    }

    @Test
    void theMessageMayBeAppliedBeforeItsUploadAndTheContentWaitsForTheUpload() {
        // two aggregates, two segments: the processor may apply them in either order
        AttachmentUploaded upload = uploaded("early.png", "image/png", 77);
        UUID messageId = UUID.randomUUID();
        projection.on(posted(messageId, 4, upload));

        assertThat(find(upload.attachmentId(), member).roomId()).isEqualTo(roomId);
        assertThat(refusal(() -> content(upload.attachmentId(), member))).isEqualTo(ErrorCode.ATTACHMENT_NOT_FOUND);

        projection.on(upload);
        AttachmentContent content = content(upload.attachmentId(), member);
        assertThat(content.storageKey()).isEqualTo(upload.storageKey());
        assertThat(content.details().uploadedAt()).isEqualTo(UPLOADED);
        assertThat(content.details().messageId()).as("the upload keeps what the message filled in")
                .isEqualTo(messageId);
    }

    @Test
    void aDeletedMessagesAttachmentsAreGoneForEveryoneUntilItIsRestored() {
        AttachmentUploaded upload = uploaded("secret.pdf", "application/pdf", 500);
        UUID messageId = UUID.randomUUID();
        projection.on(upload);
        projection.on(posted(messageId, 4, upload));

        projection.on(new MessageDeleted(roomId, 5, messageId, uploader, POSTED));
        for (UUID who : List.of(uploader, member)) {
            assertThat(refusal(() -> find(upload.attachmentId(), who))).isEqualTo(ErrorCode.ATTACHMENT_GONE);
            assertThat(refusal(() -> content(upload.attachmentId(), who))).isEqualTo(ErrorCode.ATTACHMENT_GONE);
        }
        assertThat(list(null, null, 50).items()).isEmpty();
        assertThat(stats().count()).isZero();

        projection.on(new MessageRestored(roomId, 6, messageId, uploader, POSTED));
        assertThat(content(upload.attachmentId(), member).storageKey()).isEqualTo(upload.storageKey());
        assertThat(list(null, null, 50).items()).extracting(AttachmentDetails::id)
                .containsExactly(upload.attachmentId());
    }

    @Test
    void aDeletedRoomsAttachmentsAreGone() {
        AttachmentUploaded upload = uploaded("room.pdf", "application/pdf", 500);
        projection.on(upload);
        projection.on(posted(UUID.randomUUID(), 4, upload));
        projection.on(new RoomDeleted(roomId, 5, uploader, Set.of(uploader, member), POSTED));
        assertThat(refusal(() -> content(upload.attachmentId(), uploader))).isEqualTo(ErrorCode.ATTACHMENT_GONE);
    }

    @Test
    void anUnknownAttachmentIsNotFound() {
        assertThat(refusal(() -> find(UUID.randomUUID(), uploader))).isEqualTo(ErrorCode.ATTACHMENT_NOT_FOUND);
    }

    @Test
    void everyEventAppliedTwiceLeavesTheSameRow() {
        // a crash or a stolen claim delivers events again, and a reset replays them all over the live table
        AttachmentUploaded upload = uploaded("twice.pdf", "application/pdf", 900);
        UUID messageId = UUID.randomUUID();
        MessagePosted post = posted(messageId, 4, upload);
        MessageDeleted delete = new MessageDeleted(roomId, 5, messageId, uploader, POSTED);
        MessageRestored restore = new MessageRestored(roomId, 6, messageId, uploader, POSTED);
        projection.on(upload);
        projection.on(post);
        projection.on(delete);
        projection.on(restore);
        Map<String, Object> once = row(upload.attachmentId());

        projection.on(upload);
        projection.on(post);
        projection.on(delete);
        projection.on(restore);
        assertThat(row(upload.attachmentId())).isEqualTo(once);
        assertThat(once.get("message_deleted")).isEqualTo(false);
        assertThat(jdbc.sql("SELECT count(*) FROM attachment WHERE id = ?").param(upload.attachmentId())
                .query(Long.class).single()).isOne();
    }

    @Test
    void aRoomsAttachmentsAreListedNewestFirstByTypeAndPaged() {
        AttachmentUploaded png = uploaded("a.png", "image/png", 100);
        AttachmentUploaded gif = uploaded("b.gif", "image/gif", 200);
        AttachmentUploaded pdf1 = uploaded("one.pdf", "application/pdf", 1000);
        AttachmentUploaded pdf2 = uploaded("two.pdf", "application/pdf", 3000);
        for (AttachmentUploaded upload : List.of(png, gif, pdf1, pdf2)) {
            projection.on(upload);
        }
        projection.on(posted(UUID.randomUUID(), 4, png, pdf1));
        projection.on(posted(UUID.randomUUID(), 5, gif));
        projection.on(posted(UUID.randomUUID(), 6, pdf2));
        projection.on(uploaded("never-posted.pdf", "application/pdf", 5));

        assertThat(list(null, null, 50).items()).extracting(AttachmentDetails::id).as("newest message first")
                .containsExactly(pdf2.attachmentId(), gif.attachmentId(),
                        // one message's attachments in id order
                        first(png, pdf1).attachmentId(), second(png, pdf1).attachmentId());
        assertThat(list("image", null, 50).items()).extracting(AttachmentDetails::id)
                .containsExactly(gif.attachmentId(), png.attachmentId());
        assertThat(list("image/png", null, 50).items()).extracting(AttachmentDetails::id)
                .containsExactly(png.attachmentId());
        assertThat(list("image/p", null, 50).items()).as("a prefix is a whole first part").isEmpty();

        AttachmentList page = list("application/pdf", null, 1);
        assertThat(page.items()).extracting(AttachmentDetails::id).containsExactly(pdf2.attachmentId());
        assertThat(page.nextCursor()).isEqualTo(6);
        AttachmentList rest = list("application/pdf", page.nextCursor(), 1);
        assertThat(rest.items()).extracting(AttachmentDetails::id).containsExactly(pdf1.attachmentId());
        assertThat(rest.nextCursor()).isNull();

        AttachmentStats stats = stats();
        assertThat(stats.count()).isEqualTo(4);
        assertThat(stats.bytes()).isEqualTo(4300);
        assertThat(stats.byType()).containsExactly(
                new AttachmentStats.TypeStats("application/pdf", 2, 4000),
                new AttachmentStats.TypeStats("image/gif", 1, 200),
                new AttachmentStats.TypeStats("image/png", 1, 100));
    }

    @Test
    void onlyParticipantsListOrCountARoomsAttachments() {
        assertThat(refusal(() -> queries.handle(new FindRoomAttachments(roomId, outsider, null, null, 50))))
                .isEqualTo(ErrorCode.NOT_A_PARTICIPANT);
        assertThat(refusal(() -> queries.handle(new FindRoomAttachmentStats(roomId, outsider))))
                .isEqualTo(ErrorCode.NOT_A_PARTICIPANT);
    }

    private AttachmentList list(String type, Long before, int limit) {
        return queries.handle(new FindRoomAttachments(roomId, member, type, before, limit));
    }

    private AttachmentStats stats() {
        return queries.handle(new FindRoomAttachmentStats(roomId, member));
    }

    /** The one PostgreSQL orders first: uuids compare as unsigned bytes there, as their hex text does. */
    private static AttachmentUploaded first(AttachmentUploaded a, AttachmentUploaded b) {
        return a.attachmentId().toString().compareTo(b.attachmentId().toString()) < 0 ? a : b;
    }

    private static AttachmentUploaded second(AttachmentUploaded a, AttachmentUploaded b) {
        return first(a, b) == a ? b : a;
    }
}
