package io.eventchat.command.room;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RoomVersionsTest {

    private final UUID roomId = UUID.randomUUID();
    private final EventStore events = mock(EventStore.class);
    private final RoomVersions versions = new RoomVersions(events);

    @Test
    void copyAtTheStoredVersionIsCurrent() {
        when(events.lastSequenceNumberFor(roomId.toString())).thenReturn(Optional.of(7L));
        assertThatCode(() -> versions.requireCurrent(roomId, 7L, null)).doesNotThrowAnyException();
    }

    @Test
    void copyBehindTheStoreIsAConflictCarryingItsAnswer() {
        when(events.lastSequenceNumberFor(roomId.toString())).thenReturn(Optional.of(8L));
        ChatException answer = new ChatException(ErrorCode.NOT_A_PARTICIPANT, "no");
        assertThatThrownBy(() -> versions.requireCurrent(roomId, 7L, answer))
                .isInstanceOf(ConcurrencyException.class).hasCause(answer);
    }

    @Test
    void streamThatDoesNotExistIsNotAhead() {
        when(events.lastSequenceNumberFor(roomId.toString())).thenReturn(Optional.empty());
        assertThatCode(() -> versions.requireCurrent(roomId, null, null)).doesNotThrowAnyException();
    }
}
