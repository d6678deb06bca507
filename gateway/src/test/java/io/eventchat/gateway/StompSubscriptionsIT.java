package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.RawStompClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's live subscriptions are a set of ids (STOMP 1.2: unique per connection): an id in use is refused, an
 * unknown id's UNSUBSCRIBE changes nothing, and the limit of 200 counts the live ones. Written frame by frame with a
 * raw client, since a STOMP library picks its own ids.
 */
class StompSubscriptionsIT extends IntegrationTest {

    private static final Duration QUIET = Duration.ofMillis(700);

    @Test
    void unsubscribingUnknownIdsDoesNotLiftTheLimit() throws IOException {
        Api.Session user = api.register("stomp_unknown");
        try (RawStompClient client = RawStompClient.connect(port, user.token())) {
            client.send("SUBSCRIBE", "", "id:first", "destination:/user/queue/events");
            for (int i = 0; i < 100; i++) {
                client.send("UNSUBSCRIBE", "", "id:never-" + i);
            }
            for (int i = 1; i < 200; i++) {
                client.send("SUBSCRIBE", "", "id:more-" + i, "destination:/user/queue/events");
            }
            String early = client.next(QUIET);
            assertThat(early).as("200 live subscriptions are allowed").isNull();
            client.send("SUBSCRIBE", "", "id:one-too-many", "destination:/user/queue/events");
            assertThat(client.next(Duration.ofSeconds(5))).startsWith("ERROR")
                    .contains("LIMIT_EXCEEDED: at most 200 subscriptions per session");
            assertThat(client.closedByServer(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void unsubscribingFreesItsPlaceAndItsId() throws IOException {
        Api.Session user = api.register("stomp_free");
        try (RawStompClient client = RawStompClient.connect(port, user.token())) {
            for (int i = 0; i < 200; i++) {
                client.send("SUBSCRIBE", "", "id:s-" + i, "destination:/user/queue/events");
            }
            client.send("UNSUBSCRIBE", "", "id:s-7");
            client.send("UNSUBSCRIBE", "", "id:s-7"); // a second time: nothing
            client.send("SUBSCRIBE", "", "id:s-7", "destination:/user/queue/events");
            assertThat(client.next(QUIET)).as("the freed place and id are taken again").isNull();
            client.send("SUBSCRIBE", "", "id:s-200", "destination:/user/queue/events");
            assertThat(client.next(Duration.ofSeconds(5))).startsWith("ERROR").contains("LIMIT_EXCEEDED");
        }
    }

    @Test
    void aReusedIdIsRefusedAndNoFrameArrivesTwice() throws Exception {
        Api.Session owner = api.register("stomp_dup");
        Api.Session reader = api.register("stomp_dup_reader");
        String roomId = groupRoom(owner, reader.id());
        try (RawStompClient client = RawStompClient.connect(port, reader.token())) {
            client.send("SUBSCRIBE", "", "id:dup", "destination:/topic/rooms/" + roomId);
            awaitSubscribed(client, owner, roomId);
            client.send("SUBSCRIBE", "", "id:dup", "destination:/topic/rooms/" + roomId);
            String error = client.next(Duration.ofSeconds(5));
            assertThat(error).startsWith("ERROR").contains("SUBSCRIPTION_ID_IN_USE");
            assertThat(client.closedByServer(Duration.ofSeconds(5))).isTrue();
        }
        // on a fresh connection: one SUBSCRIBE, one UNSUBSCRIBE, and nothing arrives afterwards
        try (RawStompClient client = RawStompClient.connect(port, reader.token())) {
            client.send("SUBSCRIBE", "", "id:dup", "destination:/topic/rooms/" + roomId);
            awaitSubscribed(client, owner, roomId);
            client.send("UNSUBSCRIBE", "", "id:dup");
            Thread.sleep(300);
            post(owner, roomId, "after the unsubscribe");
            assertThat(client.next(Duration.ofSeconds(1))).as("no frame after UNSUBSCRIBE").isNull();
        }
    }

    @Test
    void aDisconnectEndsEverySubscriptionOfTheSession() throws Exception {
        Api.Session owner = api.register("stomp_disc");
        Api.Session reader = api.register("stomp_disc_reader");
        String roomId = groupRoom(owner, reader.id());
        try (RawStompClient client = RawStompClient.connect(port, reader.token())) {
            client.send("SUBSCRIBE", "", "id:a", "destination:/topic/rooms/" + roomId);
            awaitSubscribed(client, owner, roomId);
            client.send("DISCONNECT", "", "receipt:bye");
            String receipt = client.next(Duration.ofSeconds(5));
            assertThat(receipt).startsWith("RECEIPT");
            post(owner, roomId, "after the disconnect");
            assertThat(client.next(Duration.ofSeconds(1))).isNull();
        }
    }

    /** Posts until the subscription delivers (the relay registers it right after the SUBSCRIBE is accepted). */
    private void awaitSubscribed(RawStompClient client, Api.Session poster, String roomId) throws IOException {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < 20 && frames.isEmpty(); i++) {
            post(poster, roomId, "hello " + i);
            String frame = client.next(Duration.ofMillis(500));
            if (frame != null) {
                frames.add(frame);
            }
        }
        assertThat(frames).as("the subscription delivers").isNotEmpty();
        assertThat(frames.get(0)).startsWith("MESSAGE");
        // drain what else is on its way, so later assertions see only new frames
        while (client.next(Duration.ofMillis(500)) != null) {
            // discard
        }
    }
}
