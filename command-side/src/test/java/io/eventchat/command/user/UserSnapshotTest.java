package io.eventchat.command.user;

import io.eventchat.api.user.ContactAdded;
import io.eventchat.api.user.Role;
import io.eventchat.api.user.RoleChanged;
import io.eventchat.api.user.Sealed;
import io.eventchat.api.user.UserRegistered;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UserSnapshotTest {

    @Test
    void aSnapshotRestoresTheWholeAccount() {
        UUID userId = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        User user = new User();
        user.on(new UserRegistered(userId, "alice", new Sealed("x"), Role.USER, at));
        user.on(new RoleChanged(userId, Role.MODERATOR, UUID.randomUUID(), at));
        user.on(new ContactAdded(userId, UUID.randomUUID(), at));
        user.on(new ContactAdded(userId, UUID.randomUUID(), at));

        Jackson3Serializer serializer = Jackson3Serializer.builder().build();
        SerializedObject<byte[]> snapshot = serializer.serialize(user, byte[].class);
        User restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(user);
    }
}
