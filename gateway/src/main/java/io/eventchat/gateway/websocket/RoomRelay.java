package io.eventchat.gateway.websocket;

import io.eventchat.api.ChatException;
import io.eventchat.api.NodeIdentity;
import io.eventchat.api.access.AccessRevoked;
import io.eventchat.api.access.IsAccessCurrent;
import io.eventchat.api.push.Push;
import io.eventchat.api.room.FindRoomEvents;
import io.eventchat.api.room.Frame;
import io.eventchat.api.room.FramePage;
import io.eventchat.gateway.web.Messaging;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Relays pushed frames from Redis to this node's WebSocket sessions. Each room subscription receives its room's
 * frames in seq order, each once: a frame at or below the last one sent is dropped, and a jump in seq (a frame this
 * node never received) is filled from the stored timeline first. A subscription opened with {@code since-seq} first
 * replays the stored frames after that seq while live frames wait in a buffer, then continues live: no gap, no
 * duplicate. Access taken away ends subscriptions on every node before the change answers ({@link AccessRevoked}:
 * a participant removed, a room deleted, an account deactivated); no frame is handed out while this node is not
 * following those revocations ({@link IsAccessCurrent}). This node's own frames come in-process from its projection
 * (and are ignored when Redis brings them back), the other nodes' through Redis.
 */
@Component
class RoomRelay implements org.springframework.data.redis.connection.MessageListener {

    private static final Logger log = LoggerFactory.getLogger(RoomRelay.class);
    private static final int PAGE = 200;

    private final MessageChannel clients;
    private final SimpMessagingTemplate broker;
    private final Messaging messaging;
    private final JsonMapper json;
    private final NodeIdentity node;
    private final Clock clock;
    private final Timer frameLatency;
    private final Map<UUID, Set<Subscription>> byRoom = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Subscription>> bySession = new ConcurrentHashMap<>();
    private final ExecutorService replays = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ws-replay");
        thread.setDaemon(true);
        return thread;
    });

    RoomRelay(@Qualifier("clientOutboundChannel") MessageChannel clients,
              @Qualifier("brokerMessagingTemplate") SimpMessagingTemplate broker, Messaging messaging, JsonMapper json,
              NodeIdentity node, Clock clock, MeterRegistry meters) {
        this.node = node;
        this.clock = clock;
        this.frameLatency = Timer.builder("chat.frame.latency")
                .description("From a room event's decision (its 'at') to this node handing its frame to the "
                        + "subscribed sessions; once per frame and node")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
        this.clients = clients;
        this.broker = broker;
        this.messaging = messaging;
        this.json = json;
    }

    private static final class Subscription {
        final String sessionId;
        final String subscriptionId;
        final String destination;
        final UUID roomId;
        final UUID userId;
        final List<Frame> waiting = new ArrayList<>();
        long lastSeq;
        boolean replaying;
        boolean closed;

        Subscription(String sessionId, String subscriptionId, String destination, UUID roomId, UUID userId,
                     long lastSeq, boolean replaying) {
            this.sessionId = sessionId;
            this.subscriptionId = subscriptionId;
            this.destination = destination;
            this.roomId = roomId;
            this.userId = userId;
            this.lastSeq = lastSeq;
            this.replaying = replaying;
        }
    }

    void subscribe(String sessionId, String subscriptionId, String destination, UUID roomId, UUID userId,
                   Long sinceSeq) {
        Subscription subscription = new Subscription(sessionId, subscriptionId, destination, roomId, userId,
                sinceSeq == null ? -1 : sinceSeq, sinceSeq != null);
        // ids are unique per connection (StompAuthorization refuses a reused one); a replaced entry never lingers
        close(bySession.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>()).put(subscriptionId, subscription));
        byRoom.computeIfAbsent(roomId, id -> ConcurrentHashMap.newKeySet()).add(subscription);
        if (sinceSeq != null) {
            replays.submit(() -> replay(subscription));
        }
    }

    void unsubscribe(String sessionId, String subscriptionId) {
        Map<String, Subscription> session = bySession.get(sessionId);
        if (session != null) {
            close(session.remove(subscriptionId));
        }
    }

    void disconnected(String sessionId) {
        Map<String, Subscription> session = bySession.remove(sessionId);
        if (session != null) {
            session.values().forEach(this::close);
        }
    }

    @Override
    public void onMessage(org.springframework.data.redis.connection.Message message, byte[] pattern) {
        try {
            Push push = json.readValue(message.getBody(), Push.class);
            if (node.id().equals(push.origin())) {
                return; // this node's own frame: its sessions had it in-process already
            }
            deliver(push);
        } catch (RuntimeException e) {
            log.warn("Could not relay a pushed frame: {}", e.getMessage());
        }
    }

    /** A frame of this node's projection, handed over in-process (its other nodes get it through Redis). */
    @EventListener
    void local(Push push) {
        try {
            deliver(push);
        } catch (RuntimeException e) {
            log.warn("Could not relay a frame: {}", e.getMessage());
        }
    }

    /** Ends what a revocation takes away; runs on every node before the revoking change answers. */
    @EventListener
    void on(AccessRevoked revoked) {
        bySession.values().stream().flatMap(session -> session.values().stream())
                .filter(subscription -> revoked.endsSubscription(subscription.userId, subscription.roomId))
                .toList().forEach(this::close);
    }

    synchronized void deliver(Push push) {
        Frame frame = push.frame();
        if (!Boolean.TRUE.equals(messaging.query(new IsAccessCurrent(), ResponseTypes.instanceOf(Boolean.class)))) {
            // a revocation may not have reached this node: hand out nothing (sessions fill the gap from the stored
            // frames with the next frame, judged by the access of that moment)
            log.warn("Not relaying a frame of room {}: this node is not following the access revocations",
                    frame.roomId());
            return;
        }
        // serialised once, whatever the number of subscribers
        byte[] payload = json.writeValueAsBytes(frame);
        if (push.toRoom() && frame.roomId() != null) {
            Set<Subscription> subscribed = byRoom.getOrDefault(frame.roomId(), Set.of());
            for (Subscription subscription : subscribed) {
                if (!subscription.userId.equals(push.exceptUser())) {
                    offer(subscription, frame, payload);
                }
            }
            if (frame.seq() != null && frame.at() != null && !subscribed.isEmpty()) {
                frameLatency.record(Duration.between(frame.at(), clock.instant()));
            }
            if ("participant.removed".equals(frame.type())) {
                UUID removed = UUID.fromString(String.valueOf(frame.data().get("userId")));
                byRoom.getOrDefault(frame.roomId(), Set.of()).stream()
                        .filter(s -> s.userId.equals(removed)).toList().forEach(this::close);
            } else if ("room.deleted".equals(frame.type())) {
                List.copyOf(byRoom.getOrDefault(frame.roomId(), Set.of())).forEach(this::close);
            }
        }
        if (!push.toUsers().isEmpty()) {
            Map<String, Object> headers = Map.of(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON);
            for (UUID user : push.toUsers()) {
                broker.convertAndSendToUser(user.toString(), "/queue/events", payload, headers);
            }
        }
    }

    private void offer(Subscription subscription, Frame frame, byte[] payload) {
        synchronized (subscription) {
            if (subscription.closed) {
                return;
            }
            if (frame.seq() == null) {
                send(subscription, payload);
            } else if (subscription.replaying) {
                subscription.waiting.add(frame);
            } else {
                inOrder(subscription, frame, payload);
            }
        }
    }

    /** Sends {@code frame} unless already sent, after whatever is missing before it. Holds the subscription's lock. */
    private void inOrder(Subscription subscription, Frame frame, byte[] payload) {
        long seq = frame.seq();
        if (subscription.lastSeq >= 0 && seq <= subscription.lastSeq) {
            return;
        }
        // the whole gap, page by page: a gap longer than a page (frames missed while Redis was away) once lost all
        // but its first page (bench/faults/redis.sh)
        while (subscription.lastSeq >= 0 && seq > subscription.lastSeq + 1) {
            List<Frame> missing;
            try {
                missing = stored(subscription, subscription.lastSeq, seq - 1);
            } catch (ChatException refused) {
                // the subscriber has lost access to the room meanwhile
                close(subscription);
                return;
            }
            if (missing.isEmpty()) {
                break; // not stored (yet): nothing more to fill it with
            }
            for (Frame earlier : missing) {
                send(subscription, json.writeValueAsBytes(earlier));
                subscription.lastSeq = earlier.seq();
            }
        }
        send(subscription, payload);
        subscription.lastSeq = seq;
    }

    private void replay(Subscription subscription) {
        try {
            while (true) {
                List<Frame> page = stored(subscription, subscription.lastSeq, Long.MAX_VALUE);
                synchronized (subscription) {
                    if (subscription.closed) {
                        return;
                    }
                    for (Frame frame : page) {
                        if (frame.seq() > subscription.lastSeq) {
                            send(subscription, json.writeValueAsBytes(frame));
                            subscription.lastSeq = frame.seq();
                        }
                    }
                    if (page.size() < PAGE) {
                        subscription.replaying = false;
                        subscription.waiting.sort(Comparator.comparing(Frame::seq));
                        subscription.waiting.forEach(frame -> inOrder(subscription, frame,
                                json.writeValueAsBytes(frame)));
                        subscription.waiting.clear();
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Replay for session {} in room {} failed: {}", subscription.sessionId, subscription.roomId,
                    e.getMessage());
            synchronized (subscription) {
                subscription.replaying = false;
            }
        }
    }

    /** Stored frames of the room with seq in (after, upTo], at most one page. */
    private List<Frame> stored(Subscription subscription, long after, long upTo) {
        FramePage page = messaging.query(new FindRoomEvents(subscription.roomId, subscription.userId,
                Math.max(0, after), PAGE), ResponseTypes.instanceOf(FramePage.class));
        return page.items().stream().filter(f -> f.seq() != null && f.seq() <= upTo).toList();
    }

    private void send(Subscription subscription, byte[] payload) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(subscription.sessionId);
        headers.setSubscriptionId(subscription.subscriptionId);
        headers.setDestination(subscription.destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        clients.send(MessageBuilder.createMessage(payload, headers.getMessageHeaders()));
    }

    private void close(Subscription subscription) {
        if (subscription == null) {
            return;
        }
        synchronized (subscription) {
            subscription.closed = true;
        }
        Set<Subscription> room = byRoom.get(subscription.roomId);
        if (room != null) {
            room.remove(subscription);
        }
        Map<String, Subscription> session = bySession.get(subscription.sessionId);
        if (session != null) {
            session.remove(subscription.subscriptionId, subscription);
        }
    }

    @PreDestroy
    void stop() {
        replays.shutdownNow();
    }
}
