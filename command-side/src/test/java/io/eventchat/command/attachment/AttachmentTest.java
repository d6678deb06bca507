package io.eventchat.command.attachment;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.attachment.AttachmentUploaded;
import io.eventchat.api.attachment.UploadAttachment;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class AttachmentTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final String SHA256 = "0123456789abcdef".repeat(4);

    private final UUID attachmentId = UUID.randomUUID();
    private final UUID uploader = UUID.randomUUID();
    private final String storageKey = UUID.randomUUID().toString();
    private final AttachmentRecords records = mock(AttachmentRecords.class);
    private AggregateTestFixture<Attachment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Attachment.class);
        fixture.registerInjectableResource(records);
    }

    private UploadAttachment upload(String fileName, String contentType, long size, String sha256, String key) {
        return new UploadAttachment(attachmentId, uploader, fileName, contentType, size, sha256, key, AT);
    }

    private UploadAttachment upload(String fileName) {
        return upload(fileName, "application/pdf", 2048, SHA256, storageKey);
    }

    private static Matcher<Object> code(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof ChatException chat && chat.code() == code);
    }

    @Test
    void uploaderRecordsAStoredFile() {
        UploadAttachment command = upload("Grüße an Zoë.pdf");
        fixture.givenNoPriorActivity()
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AttachmentUploaded(attachmentId, uploader, "Grüße an Zoë.pdf", "application/pdf",
                        2048, SHA256, storageKey, AT));
        verify(records).recordUpload(command);
    }

    @Test
    void anEmptyFileAndANameOfExactly255CharactersAreAccepted() {
        String name = "n".repeat(251) + ".pdf";
        fixture.givenNoPriorActivity()
                .when(upload(name, "application/pdf", 0, SHA256, storageKey))
                .expectEvents(new AttachmentUploaded(attachmentId, uploader, name, "application/pdf", 0, SHA256,
                        storageKey, AT));
    }

    @Test
    void aFileNameThatIsNotPlainTextIsRejected() {
        // the gateway sanitizes names; the aggregate refuses what would still be unsafe to store and show
        Map<String, String> names = new LinkedHashMap<>();
        names.put("missing", null);
        names.put("blank", "   ");
        names.put("too long", "n".repeat(252) + ".pdf");
        names.put("slash", "../etc/passwd");
        names.put("backslash", "..\\win.ini");
        names.put("NUL", "a\u0000.pdf");
        names.put("newline", "a\n.pdf");
        names.put("DEL", "a\u007f.pdf");
        names.forEach((why, name) -> fixture.givenNoPriorActivity()
                .when(upload(name))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED)));
        verify(records, never()).recordUpload(any());
    }

    @Test
    void anUploadWithoutItsSizeTypeHashOrStorageIsRejected() {
        for (UploadAttachment command : new UploadAttachment[]{
                upload("a.pdf", "application/pdf", -1, SHA256, storageKey),
                upload("a.pdf", null, 10, SHA256, storageKey),
                upload("a.pdf", "application/pdf", 10, null, storageKey),
                upload("a.pdf", "application/pdf", 10, SHA256.toUpperCase(), storageKey),
                upload("a.pdf", "application/pdf", 10, SHA256.substring(1), storageKey),
                upload("a.pdf", "application/pdf", 10, SHA256, null)}) {
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectNoEvents()
                    .expectException(code(ErrorCode.VALIDATION_FAILED));
        }
        verify(records, never()).recordUpload(any());
    }

    @Test
    void anAttachmentIdThatIsTakenIsRejected() {
        // the records hold every upload's id in the command's transaction; the aggregate must not apply past them
        UploadAttachment command = upload("a.pdf");
        doThrow(new ChatException(ErrorCode.ALREADY_EXISTS, "taken")).when(records).recordUpload(command);
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(code(ErrorCode.ALREADY_EXISTS));
    }
}
