package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.StompClient;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code CHAT_VIRTUAL_THREADS=true} (spring.threads.virtual.enabled) on the JDK 25 the build targets: requests are
 * served on virtual threads, and the chat works on them end to end (commands, queries, the STOMP push).
 */
@TestPropertySource(properties = {"spring.threads.virtual.enabled=true",
        // one more application instance on the shared PostgreSQL during the suite
        "spring.datasource.hikari.maximum-pool-size=6", "chat.commands.max-concurrent=3"})
@Import(VirtualThreadsIT.ThreadProbe.class)
// a context of its own: closed after the class, or its processors would keep claiming the shared database's segments
// from the test classes after it (FrameGapIT and TwoNodesIT wait for their own node to hold every segment)
@DirtiesContext
class VirtualThreadsIT extends IntegrationTest {

    private static final String HEADER = "X-Test-Virtual-Thread";

    @TestConfiguration(proxyBeanMethods = false)
    static class ThreadProbe {
        /** Says in a response header whether the thread serving the request is a virtual one. */
        @Bean
        Filter virtualThreadProbe() {
            return (request, response, chain) -> {
                ((jakarta.servlet.http.HttpServletResponse) response)
                        .setHeader(HEADER, Boolean.toString(Thread.currentThread().isVirtual()));
                chain.doFilter(request, response);
            };
        }
    }

    @Test
    void requestsAreServedOnVirtualThreadsAndTheChatWorksOnThem() throws Exception {
        Api.Session user = api.register("virtual_user");
        HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/users/me"))
                .header("Authorization", "Bearer " + user.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.headers().firstValue(HEADER)).contains("true");

        String roomId = groupRoom(user);
        try (StompClient socket = StompClient.connect(port, user.token())) {
            BlockingQueue<JsonNode> frames = socket.subscribe("/topic/rooms/" + roomId, null);
            Thread.sleep(500); // let the server register the subscription
            post(user, roomId, "on a virtual thread");
            assertThat(StompClient.next(frames).toString()).contains("on a virtual thread");
        }
        JsonNode history = eventually(() -> api.get("/api/rooms/" + roomId + "/messages?limit=10", user.token()).json(),
                page -> page.toString().contains("on a virtual thread"));
        assertThat(history.toString()).contains("on a virtual thread");
    }
}
