package io.eventchat.query.push;

import io.eventchat.api.NodeIdentity;
import io.eventchat.api.push.Push;
import io.eventchat.api.room.Frame;
import io.eventchat.api.room.ParticipantAdded;
import io.eventchat.api.room.ParticipantRemoved;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.api.room.RoomEvent;
import io.eventchat.query.message.RedisBreaker;
import io.eventchat.query.processing.PoisonIsolation;
import io.eventchat.query.timeline.Frames;
import io.eventchat.query.user.Usernames;
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
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
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
 * Publishes each room event's frame as soon as the transaction that stored what it describes has committed: it runs
 * in the {@code rooms} processing group, whose batch stores the room's rows, its messages, their frames and
 * attachments in one transaction, so a client that refetches anything on a frame finds the change. Nothing waits in
 * between: no polling, no other processor. It runs on whichever node owns the room's segment, so once per frame.
 * <p>
 * After the commit the batch's frames, in order, go to a publishing thread (the processor goes on with its next
 * batch): it hands them in-process to this node's own sessions, then to the Redis channel for the other nodes, all
 * of a batch in one round trip. While Redis cannot be reached only this node's sessions get them (a breaker keeps
 * the publisher off Redis, a probe tries it once a second); no frame is lost to clients: every node fills gaps in a
 * room's frames from the stored timeline. Replays and rebuilds never publish again ({@link DisallowReplay}).
 */
@Component
@ProcessingGroup("rooms")
class FramePublisher {

    private static final Logger log = LoggerFactory.getLogger(FramePublisher.class);
    private static final String BATCH = FramePublisher.class.getName() + ".batch";

    private final StringRedisTemplate redis;
    private final byte[] channel;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Usernames usernames;
    private final String node;
    private final RedisBreaker breaker = new RedisBreaker(Clock.systemUTC(), Duration.ofSeconds(1));
    private final BlockingQueue<List<Push>> outbox = new LinkedBlockingQueue<>();
    private final Thread publisher;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "frame-publisher-probe");
        thread.setDaemon(true);
        return thread;
    });

    FramePublisher(StringRedisTemplate redis, JsonMapper json, ApplicationEventPublisher events, Usernames usernames,
                   NodeIdentity node, @Value(Push.CHANNEL_PROPERTY) String channel) {
        this.channel = channel.getBytes(StandardCharsets.UTF_8);
        this.redis = redis;
        this.json = json;
        this.events = events;
        this.usernames = usernames;
        this.node = node.id();
        this.publisher = new Thread(this::run, "frame-publisher");
        this.publisher.setDaemon(true);
        this.publisher.start();
        this.prober.scheduleWithFixedDelay(this::probe, 1, 1, TimeUnit.SECONDS);
    }

    @EventHandler
    @DisallowReplay
    void on(RoomEvent event) {
        Frame frame = Frames.named(Frames.of(event), usernames::of);
        Set<UUID> personal = Set.of();
        if (event instanceof ParticipantAdded added) {
            personal = Set.of(added.userId());
        } else if (event instanceof ParticipantRemoved removed) {
            personal = Set.of(removed.userId());
        } else if (event instanceof RoomDeleted deleted && deleted.participantIds() != null) {
            personal = deleted.participantIds();
        }
        Push push = new Push(frame, true, personal, null, node);
        if (CurrentUnitOfWork.isStarted()) {
            List<Push> frames = afterCommit(CurrentUnitOfWork.get());
            frames.add(push);
            PoisonIsolation.undoIfParked(() -> frames.remove(push));
        } else {
            outbox.add(List.of(push));
        }
    }

    /**
     * The frames a unit of work (a batch of events) publishes once it has committed, in the order its events were
     * handled. One after-commit callback per unit of work: Axon runs a batch's after-commit callbacks last event
     * first, which would publish its frames in reverse seq order.
     */
    private List<Push> afterCommit(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(BATCH, key -> {
            List<Push> frames = new ArrayList<>();
            root.afterCommit(committed -> {
                if (!frames.isEmpty()) {
                    outbox.add(frames);
                }
            });
            return frames;
        });
    }

    /** Publishes in commit order: each batch of frames to this node's sessions, then to the other nodes. */
    private void run() {
        List<List<Push>> drained = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                drained.add(outbox.take());
                outbox.drainTo(drained);
                List<Push> frames = drained.stream().flatMap(List::stream).toList();
                drained.clear();
                frames.forEach(events::publishEvent);
                publish(frames);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                drained.clear();
                log.warn("Could not publish frames; subscribers will fill the gap from the timeline: {}",
                        e.getMessage());
            }
        }
    }

    /**
     * To the Redis channel, for the other nodes (this node ignores them when they come back), in one round trip.
     * While Redis cannot be reached, the other nodes' sessions catch up from the stored frames later.
     */
    private void publish(List<Push> frames) {
        if (!breaker.closed()) {
            return;
        }
        List<byte[]> messages = frames.stream().map(json::writeValueAsBytes).toList();
        try {
            redis.executePipelined((RedisCallback<Object>) connection -> {
                for (byte[] message : messages) {
                    connection.publish(channel, message);
                }
                return null;
            });
        } catch (RuntimeException e) {
            breaker.failed();
            log.warn("Redis unreachable, frames reach this node's sessions only: {}", e.getMessage());
        }
    }

    private void probe() {
        if (!breaker.closed()) {
            try {
                redis.execute(RedisConnection::ping, true);
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
}
