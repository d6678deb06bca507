package io.eventchat.command.eventstore;

import io.eventchat.api.attachment.AttachmentRef;
import io.eventchat.api.message.MessagePosted;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePostedUpcasterTest {

    private static final UUID ROOM = UUID.fromString("6f1f7a0e-58a2-4c55-9d53-2f4d0c5a0d11");
    private static final UUID MESSAGE = UUID.fromString("0b8f3f57-9a76-4d2c-b8c4-6d7b3f6f1e22");
    private static final UUID SENDER = UUID.fromString("c3f6f7a4-1f7e-4c0e-8c55-3a7e9d1b2c33");

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();
    private final EventUpcasterChain chain = new EventUpcasterChain(new MessagePostedUpcaster());

    /** The exact bytes revision 1 stored (payload_revision NULL): bare attachmentIds, no attachments. */
    private static final String REVISION_1_PAYLOAD = """
            {"roomId":"%s","seq":4,"messageId":"%s","senderId":"%s","content":"hello","clientMessageId":"c-1",\
            "replyToMessageId":null,"attachmentIds":[],"at":"2026-11-20T10:15:30.123Z"}"""
            .formatted(ROOM, MESSAGE, SENDER);

    @Test
    void aStoredRevision1EventReadsAsRevision2WithNoAttachments() {
        MessagePosted event = read(REVISION_1_PAYLOAD, null);

        assertThat(event).isEqualTo(new MessagePosted(ROOM, 4, MESSAGE, SENDER, "hello", "c-1", null, List.of(),
                Instant.parse("2026-11-20T10:15:30.123Z")));
    }

    @Test
    void aRevision2EventPassesUnchanged() {
        MessagePosted current = new MessagePosted(ROOM, 5, MESSAGE, SENDER, "with a file", null, null,
                List.of(new AttachmentRef(UUID.randomUUID(), "plan.pdf", "application/pdf", 1234, "ab".repeat(32))),
                Instant.parse("2026-11-25T08:00:00Z"));
        SerializedObject<byte[]> stored = serializer.serialize(current, byte[].class);
        assertThat(stored.getType().getRevision()).isEqualTo("2");

        assertThat(read(new String(stored.getData(), StandardCharsets.UTF_8), "2")).isEqualTo(current);
    }

    private MessagePosted read(String payload, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("ChatRoom", ROOM.toString(), 3,
                UUID.randomUUID().toString(), Instant.parse("2026-11-20T10:15:30.123Z"),
                MessagePosted.class.getName(), revision, payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(
                new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(upcast.get(0).getData());
    }
}
