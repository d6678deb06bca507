package io.eventchat.command.room;

import io.eventchat.api.room.ParticipantAdded;
import io.eventchat.api.room.ParticipantRole;
import io.eventchat.api.room.ReadReceiptRecorded;
import io.eventchat.api.room.RoomCreated;
import io.eventchat.api.room.RoomType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A snapshot must bring the room back exactly as it was, or a loaded room would forget its members. */
class ChatRoomSnapshotTest {

    @Test
    void aSnapshotRestoresTheWholeRoom() {
        UUID roomId = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        ChatRoom room = new ChatRoom();
        room.on(new RoomCreated(roomId, 1, "General", RoomType.GROUP, owner, at));
        room.on(new ParticipantAdded(roomId, 2, owner, ParticipantRole.OWNER, owner, at));
        room.on(new ParticipantAdded(roomId, 3, member, ParticipantRole.MEMBER, owner, at));
        room.on(new ReadReceiptRecorded(roomId, 4, member, 3, at));

        Jackson3Serializer serializer = Jackson3Serializer.builder().build();
        SerializedObject<byte[]> snapshot = serializer.serialize(room, byte[].class);
        ChatRoom restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(room);
        assertThat(restored).extracting("participants").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).hasSize(2);
    }
}
