package io.eventchat.command.batching;

import io.eventchat.api.room.RenameRoom;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachedCommandTargetResolverTest {

    private final CachedCommandTargetResolver cached = new CachedCommandTargetResolver();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    record Versioned(@TargetAggregateIdentifier String id, @TargetAggregateVersion String version) {
    }

    static final class FieldsOnly {
        @TargetAggregateIdentifier
        private final UUID target;
        @TargetAggregateVersion
        private final Long version;

        FieldsOnly(UUID target, Long version) {
            this.target = target;
            this.version = version;
        }
    }

    record Untargeted(String name) {
    }

    @Test
    void resolvesWhatAxonsResolverResolves() {
        UUID room = UUID.randomUUID();
        for (Object command : List.of(new RenameRoom(room, "name", UUID.randomUUID(), Instant.now()),
                new Versioned("a", "7"), new Versioned("b", null), new FieldsOnly(room, 3L),
                new FieldsOnly(room, null))) {
            var message = GenericCommandMessage.asCommandMessage(command);
            VersionedAggregateIdentifier expected = axons.resolveTarget(message);
            // twice: the second answer comes from the members cached for the class
            for (int i = 0; i < 2; i++) {
                VersionedAggregateIdentifier actual = cached.resolveTarget(message);
                assertThat(actual.getIdentifierValue()).isEqualTo(expected.getIdentifierValue());
                assertThat(actual.getVersion()).isEqualTo(expected.getVersion());
            }
        }
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("a", "7"))).getVersion())
                .isEqualTo(7L);
    }

    @Test
    void aCommandWithoutTargetOrWithANullTargetIsRefusedAsByAxon() {
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new Untargeted("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Untargeted]");
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned(null, "1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@TargetAggregateIdentifier");
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("a", "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
    }
}
