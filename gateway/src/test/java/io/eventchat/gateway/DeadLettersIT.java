package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.PoisonProjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event a projection cannot handle is parked in its dead-letter queue, not skipped: later events of its room wait
 * behind it in order, other rooms flow on, and once the cause is fixed an admin's retry applies them.
 */
class DeadLettersIT extends IntegrationTest {

    @AfterEach
    void heal() {
        PoisonProjection.broken = false;
    }

    @Test
    void aPoisonEventIsParkedWhileOtherRoomsFlowAndARetryAppliesItOnceFixed() {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session alice = api.register("dlq_a");
        String sick = groupRoom(alice);
        String healthy = groupRoom(alice);
        PoisonProjection.broken = true;

        long poisonSeq = post(alice, sick, "poison: nobody can handle me").path("seq").asLong();
        long behindSeq = post(alice, sick, "after the poison").path("seq").asLong();
        long healthySeq = post(alice, healthy, "fine").path("seq").asLong();

        // the other room flows on
        eventually(() -> lastSeq(alice, healthy), seq -> seq == healthySeq);
        List<JsonNode> parked = eventually(() -> letters(admin, sick), letters -> letters.size() == 2);
        assertThat(parked).allSatisfy(letter -> {
            assertThat(letter.path("processingGroup").asString()).isEqualTo("rooms");
            assertThat(letter.path("eventType").asString()).isEqualTo("MessagePosted");
        });
        assertThat(parked.get(0).path("causeType").asString()).endsWith("IllegalStateException");
        assertThat(parked.get(0).path("causeMessage").asString()).startsWith("poison:");
        assertThat(parked.get(0).path("globalIndex").asLong())
                .isLessThan(parked.get(1).path("globalIndex").asLong());
        // the event behind the poison waits for it, in order, instead of being applied out of turn
        assertThat(lastSeq(alice, sick)).isLessThan(behindSeq).isGreaterThanOrEqualTo(poisonSeq - 1);

        // a retry before the fix changes nothing
        JsonNode stillBroken = api.post("/api/admin/dead-letters/rooms/retry", Map.of(), admin.token()).json();
        assertThat(stillBroken.path("retried").asLong()).isZero();
        assertThat(letters(admin, sick)).hasSize(2);

        PoisonProjection.broken = false;
        Api.Response retried = api.post("/api/admin/dead-letters/rooms/retry", Map.of(), admin.token());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("retried").asLong()).isEqualTo(2);
        assertThat(letters(admin, sick)).isEmpty();
        assertThat(lastSeq(alice, sick)).isEqualTo(behindSeq);
    }

    @Test
    void deadLettersAreForAdminsAndKnownProjectionsOnly() {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session user = api.register("dlq_user");
        assertThat(api.get("/api/admin/dead-letters", user.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/admin/dead-letters/rooms/retry", Map.of(), user.token()).status()).isEqualTo(403);
        Api.Response unknown = api.post("/api/admin/dead-letters/nope/retry", Map.of(), admin.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("PROJECTION_NOT_FOUND");
        assertThat(api.get("/api/admin/dead-letters", admin.token()).status()).isEqualTo(200);
    }

    private List<JsonNode> letters(Api.Session admin, String roomId) {
        return StreamSupport.stream(api.get("/api/admin/dead-letters", admin.token()).json().spliterator(), false)
                .filter(letter -> roomId.equals(letter.path("sequenceId").asString()))
                .toList();
    }

    private long lastSeq(Api.Session user, String roomId) {
        for (JsonNode room : api.get("/api/rooms", user.token()).json().path("items")) {
            if (roomId.equals(room.path("id").asString())) {
                return room.path("lastSeq").asLong();
            }
        }
        throw new AssertionError("room " + roomId + " not listed");
    }
}
