package io.eventchat.gateway.websocket;

import io.eventchat.api.room.FindRoomMembership;
import io.eventchat.api.room.RoomMembership;
import io.eventchat.gateway.security.AccessTokens;
import io.eventchat.gateway.security.AccountStatuses;
import io.eventchat.gateway.security.InvalidTokenException;
import io.eventchat.gateway.web.Messaging;
import io.github.bucket4j.Bucket;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every inbound STOMP frame. CONNECT must carry {@code Authorization: Bearer <access token>}; SUBSCRIBE is
 * allowed to {@code /topic/rooms/{roomId}} for current participants and to {@code /user/queue/events}; SEND only to
 * {@code /app/rooms/{roomId}/typing}, by participants, at a bounded rate. Every frame that acts needs the account to
 * be active still, as an HTTP request does. A refusal throws, and Spring answers with an ERROR frame and closes the
 * session.
 */
@Component
class StompAuthorization implements ChannelInterceptor {

    static final Pattern ROOM_TOPIC = Pattern.compile("/topic/rooms/([0-9a-fA-F-]{36})");
    static final Pattern TYPING = Pattern.compile("/app/rooms/([0-9a-fA-F-]{36})/typing");
    static final String PERSONAL = "/user/queue/events";

    private final AccessTokens tokens;
    private final AccountStatuses accounts;
    private final Messaging messaging;
    private final RoomRelay relay;
    private final WebSocketProperties properties;
    private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Bucket> sends = new ConcurrentHashMap<>();

    StompAuthorization(AccessTokens tokens, AccountStatuses accounts, Messaging messaging, RoomRelay relay,
                       WebSocketProperties properties) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.messaging = messaging;
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        switch (stomp.getCommand()) {
            case CONNECT, STOMP -> connect(stomp);
            case SUBSCRIBE -> subscribe(stomp);
            case UNSUBSCRIBE -> unsubscribe(stomp);
            case SEND -> send(stomp);
            case DISCONNECT -> forget(stomp.getSessionId());
            default -> {
            }
        }
        return message;
    }

    private void connect(StompHeaderAccessor stomp) {
        String header = Optional.ofNullable(stomp.getFirstNativeHeader("Authorization"))
                .orElse(stomp.getFirstNativeHeader("authorization"));
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new MessageDeliveryException("UNAUTHENTICATED: send 'Authorization: Bearer <access token>' in CONNECT");
        }
        try {
            stomp.setUser(new StompPrincipal(accounts.confirm(tokens.verify(header.substring(7).trim()))));
        } catch (InvalidTokenException e) {
            throw new MessageDeliveryException(e.code() + ": " + e.getMessage());
        }
    }

    /**
     * A session's live subscriptions are a set of ids (STOMP 1.2: unique per connection): an id in use is refused,
     * and at most {@code chat.websocket.max-subscriptions} are live at once. The id is taken before the other checks,
     * so two SUBSCRIBE frames with one id cannot both pass; a refusal ends the session anyway.
     */
    private void subscribe(StompHeaderAccessor stomp) {
        StompPrincipal user = user(stomp);
        String destination = stomp.getDestination() == null ? "" : stomp.getDestination();
        String subscriptionId = stomp.getSubscriptionId();
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw new MessageDeliveryException("VALIDATION_FAILED: SUBSCRIBE needs an id header");
        }
        Set<String> ids = subscriptions.computeIfAbsent(stomp.getSessionId(), id -> new HashSet<>());
        synchronized (ids) {
            if (ids.contains(subscriptionId)) {
                throw new MessageDeliveryException("SUBSCRIPTION_ID_IN_USE: subscription id '" + subscriptionId
                        + "' is already in use on this connection");
            }
            if (ids.size() >= properties.maxSubscriptions()) {
                throw new MessageDeliveryException("LIMIT_EXCEEDED: at most " + properties.maxSubscriptions()
                        + " subscriptions per session");
            }
            ids.add(subscriptionId);
        }
        if (PERSONAL.equals(destination)) {
            return;
        }
        Matcher room = ROOM_TOPIC.matcher(destination);
        if (!room.matches()) {
            throw new MessageDeliveryException("FORBIDDEN: cannot subscribe to " + destination);
        }
        UUID roomId = UUID.fromString(room.group(1));
        requireParticipant(roomId, user);
        Long sinceSeq = sinceSeq(stomp.getFirstNativeHeader("since-seq"));
        relay.subscribe(stomp.getSessionId(), subscriptionId, destination, roomId, user.user().id(), sinceSeq);
    }

    /** Ends a live subscription; an id that is not live changes nothing. */
    private void unsubscribe(StompHeaderAccessor stomp) {
        Set<String> ids = subscriptions.get(stomp.getSessionId());
        if (ids == null || stomp.getSubscriptionId() == null) {
            return;
        }
        synchronized (ids) {
            if (!ids.remove(stomp.getSubscriptionId())) {
                return;
            }
        }
        relay.unsubscribe(stomp.getSessionId(), stomp.getSubscriptionId());
    }

    private void send(StompHeaderAccessor stomp) {
        StompPrincipal user = user(stomp);
        Bucket bucket = sends.computeIfAbsent(stomp.getSessionId(), id -> Bucket.builder()
                .addLimit(l -> l.capacity(properties.sendsPerSecond() * 2L)
                        .refillGreedy(properties.sendsPerSecond(), java.time.Duration.ofSeconds(1)))
                .build());
        if (!bucket.tryConsume(1)) {
            throw new MessageDeliveryException("RATE_LIMITED: at most " + properties.sendsPerSecond()
                    + " frames per second");
        }
        Matcher typing = TYPING.matcher(stomp.getDestination() == null ? "" : stomp.getDestination());
        if (!typing.matches()) {
            throw new MessageDeliveryException("FORBIDDEN: cannot send to " + stomp.getDestination());
        }
        requireParticipant(UUID.fromString(typing.group(1)), user);
    }

    /** Judged by the command side's membership, as current as the room's events (a room created a moment ago too). */
    private void requireParticipant(UUID roomId, StompPrincipal user) {
        RoomMembership membership = messaging.query(new FindRoomMembership(roomId, user.user().id()),
                ResponseTypes.instanceOf(RoomMembership.class));
        if (!membership.participant()) {
            throw new MessageDeliveryException((membership.roomExists() ? "NOT_A_PARTICIPANT" : "ROOM_NOT_FOUND")
                    + ": not a participant of room " + roomId);
        }
    }

    void forget(String sessionId) {
        subscriptions.remove(sessionId);
        sends.remove(sessionId);
        relay.disconnected(sessionId);
    }

    private StompPrincipal user(StompHeaderAccessor stomp) {
        if (!(stomp.getUser() instanceof StompPrincipal principal)) {
            throw new MessageDeliveryException("UNAUTHENTICATED: connect with a valid access token first");
        }
        try {
            // a session outlives its token's check at CONNECT: an account deactivated since then may not act
            return new StompPrincipal(accounts.confirm(principal.user()));
        } catch (InvalidTokenException e) {
            throw new MessageDeliveryException(e.code() + ": " + e.getMessage());
        }
    }

    private static Long sinceSeq(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            throw new MessageDeliveryException("VALIDATION_FAILED: since-seq must be a whole number");
        }
    }
}
