package io.eventchat.api.push;

import io.eventchat.api.room.Frame;

import java.util.Set;
import java.util.UUID;

/**
 * A frame on its way to WebSocket sessions, published once on the deployment's Redis channel ({@code chat.push.channel},
 * {@link #DEFAULT_CHANNEL} unless set; Redis channels ignore the database number) and relayed by
 * every node to its own sessions (or, while Redis cannot be reached, handed in-process to the publishing node's own
 * sessions, as a Spring application event): to the room's subscribers when {@code toRoom} (except {@code exceptUser}), and to
 * the personal queue of each of {@code toUsers}. A push with an {@code origin} (a {@code NodeIdentity}) was handed to
 * that node's own sessions in-process already; that node ignores it when Redis brings it back.
 */
public record Push(Frame frame, boolean toRoom, Set<UUID> toUsers, UUID exceptUser, String origin) {

    public static final String DEFAULT_CHANNEL = "chat:push";
    /** The placeholder of the channel's name, for {@code @Value}: {@code chat.push.channel}, else the default. */
    public static final String CHANNEL_PROPERTY = "${chat.push.channel:" + DEFAULT_CHANNEL + "}";

    public Push {
        toUsers = toUsers == null ? Set.of() : Set.copyOf(toUsers);
    }

    /** A push from no node in particular: every node, including the sender's, relays it from Redis. */
    public Push(Frame frame, boolean toRoom, Set<UUID> toUsers, UUID exceptUser) {
        this(frame, toRoom, toUsers, exceptUser, null);
    }
}
