package io.eventchat.query.push;

import io.eventchat.api.push.Push;
import io.eventchat.api.room.Frame;
import io.eventchat.api.room.ParticipantAdded;
import io.eventchat.api.room.ParticipantRemoved;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.api.room.RoomEvent;
import io.eventchat.query.message.RedisBreaker;
import io.eventchat.query.processing.PoisonIsolation;
import io.eventchat.query.timeline.Frames;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes each room event's frame on the Redis channel {@code chat.push.channel} once the {@code messages} processing
 * group's transaction (which stored the message rows and the frame) has committed and the {@code rooms} group has
 * applied the event too, so a client that refetches anything on a frame sees the change. It runs on whichever node owns the room's segment, so each frame is published once.
 * Replays and rebuilds never publish again ({@link DisallowReplay}). While Redis cannot be reached, frames go
 * in-process to this node's own sessions; no frame is lost to clients: every node fills gaps in a room's frames from
 * the stored timeline.
 */
@Component
@ProcessingGroup("messages")
class FramePublisher {

    private static final Logger log = LoggerFactory.getLogger(FramePublisher.class);

    private static final long ROOMS_WAIT_MILLIS = 2000;
    private static final String BATCH = FramePublisher.class.getName() + ".batch";

    private final StringRedisTemplate redis;
    private final String channel;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final RedisBreaker breaker = new RedisBreaker(Clock.systemUTC(), Duration.ofSeconds(1));
    private final BlockingQueue<Pending> outbox = new LinkedBlockingQueue<>();
    private final Thread publisher;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "frame-publisher-probe");
        thread.setDaemon(true);
        return thread;
    });

    FramePublisher(StringRedisTemplate redis, JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events,
                   @Value(Push.CHANNEL_PROPERTY) String channel) {
        this.channel = channel;
        this.redis = redis;
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.publisher = new Thread(this::run, "frame-publisher");
        this.publisher.setDaemon(true);
        this.publisher.start();
        this.prober.scheduleWithFixedDelay(this::probe, 1, 1, TimeUnit.SECONDS);
    }

    @EventHandler
    @DisallowReplay
    void on(RoomEvent event) {
        Frame frame = Frames.named(Frames.of(event), this::username);
        Set<UUID> personal = Set.of();
        if (event instanceof ParticipantAdded added) {
            personal = Set.of(added.userId());
        } else if (event instanceof ParticipantRemoved removed) {
            personal = Set.of(removed.userId());
        } else if (event instanceof RoomDeleted deleted && deleted.participantIds() != null) {
            personal = deleted.participantIds();
        }
        Pending pending = new Pending(event.roomId(), event.seq(), event instanceof RoomDeleted,
                new Push(frame, true, personal, null));
        if (CurrentUnitOfWork.isStarted()) {
            List<Pending> frames = afterCommit(CurrentUnitOfWork.get());
            frames.add(pending);
            PoisonIsolation.undoIfParked(() -> frames.remove(pending));
        } else {
            outbox.add(pending);
        }
    }

    /**
     * The frames a unit of work (a batch of events) publishes once it has committed, in the order its events were
     * handled. One after-commit callback per unit of work: Axon runs a batch's after-commit callbacks last event
     * first, which would publish its frames in reverse seq order.
     */
    private List<Pending> afterCommit(UnitOfWork<?> unitOfWork) {
        List<Pending> batch = unitOfWork.getResource(BATCH);
        if (batch == null) {
            List<Pending> frames = new ArrayList<>();
            unitOfWork.resources().put(BATCH, frames);
            unitOfWork.afterCommit(committed -> outbox.addAll(frames));
            batch = frames;
        }
        return batch;
    }

    private record Pending(UUID roomId, long seq, boolean roomDeleted, Push push) {
    }

    /**
     * Publishes in commit order, each frame once the rooms projection (a processing group of its own) has applied
     * the same event too, so every read model shows the change by the time a client receives its frame.
     */
    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Pending pending = outbox.take();
                awaitRoomsProjection(pending);
                publish(pending.push());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Could not publish a frame; subscribers will fill the gap from the timeline: {}",
                        e.getMessage());
            }
        }
    }

    private void awaitRoomsProjection(Pending pending) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ROOMS_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Long lastSeq = jdbc.sql("SELECT last_seq FROM room WHERE id = ?").param(pending.roomId())
                    .query(Long.class).optional().orElse(null);
            if (lastSeq == null ? pending.roomDeleted() || pending.seq() > 1 : lastSeq >= pending.seq()) {
                // a missing row after the room's creation means the rooms projection has already applied its deletion
                return;
            }
            Thread.sleep(5);
        }
        log.warn("The rooms projection has not applied event {} of room {} within {} ms; publishing its frame anyway",
                pending.seq(), pending.roomId(), ROOMS_WAIT_MILLIS);
    }

    /**
     * On the Redis channel, for every node; while Redis cannot be reached, in-process to this node's own sessions
     * (other nodes' sessions fill the gap from the stored frames once frames flow again). A failed publish opens the
     * breaker: frames then go straight to this node's sessions, while a probe tries Redis once a second.
     */
    private void publish(Push push) {
        if (breaker.closed()) {
            try {
                redis.convertAndSend(channel, json.writeValueAsString(push));
                return;
            } catch (RuntimeException e) {
                breaker.failed();
                log.warn("Redis unreachable, relaying frames to this node's sessions only: {}", e.getMessage());
            }
        }
        events.publishEvent(push);
    }

    private void probe() {
        if (!breaker.closed()) {
            try {
                redis.execute((RedisCallback<String>) connection -> connection.ping());
                breaker.succeeded();
                log.info("Redis reachable again, frames go to every node");
            } catch (RuntimeException e) {
                breaker.failed();
            }
        }
    }

    @PreDestroy
    void stop() {
        publisher.interrupt();
        prober.shutdownNow();
    }

    private String username(UUID userId) {
        return jdbc.sql("SELECT username FROM chat_user WHERE id = ?").param(userId).query(String.class)
                .optional().orElse(null);
    }
}
