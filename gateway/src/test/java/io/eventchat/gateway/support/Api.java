package io.eventchat.gateway.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A client of the HTTP API, used exactly as an outside caller would use it. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String base;
    private final String forwardedFor;

    public Api(int port) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "http://localhost:" + port, null);
    }

    private Api(HttpClient http, String base, String forwardedFor) {
        this.http = http;
        this.base = base;
        this.forwardedFor = forwardedFor;
    }

    /**
     * The same client as if it sat at {@code address} behind a reverse proxy: every request carries
     * {@code X-Forwarded-For: address}, which an application with forwarded headers enabled takes as the client.
     */
    public Api from(String address) {
        return new Api(http, base, address);
    }

    public Response get(String path, String token) {
        return send(builder(path, token).GET());
    }

    public Response post(String path, Object body, String token) {
        return postRaw(path, JSON.writeValueAsString(body), "application/json", token);
    }

    public Response postRaw(String path, String body, String contentType, String token) {
        HttpRequest.Builder request = builder(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public Response request(String method, String path, String token) {
        return send(builder(path, token).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    public Response request(String method, String path, Object body, String token) {
        return send(builder(path, token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response login(String username, String password) {
        return post("/api/auth/login", Map.of("username", username, "password", password), null);
    }

    /** Logs in and returns the session. */
    public Session session(String username, String password) {
        Response response = login(username, password);
        if (response.status() != 200) {
            throw new AssertionError("login failed: " + response);
        }
        JsonNode body = response.json();
        return new Session(UUID.fromString(body.path("user").path("id").asString()), username,
                body.path("accessToken").asString(), body.path("refreshToken").asString());
    }

    /** Registers a fresh user with a unique name and returns their session. */
    public Session register(String prefix) {
        String username = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        Response response = post("/api/auth/register",
                Map.of("username", username, "email", username + "@example.org", "password", "password-" + username),
                null);
        if (response.status() != 201) {
            throw new AssertionError("register failed: " + response);
        }
        JsonNode body = response.json();
        return new Session(UUID.fromString(body.path("user").path("id").asString()), username,
                body.path("accessToken").asString(), body.path("refreshToken").asString());
    }

    public static String passwordOf(String username) {
        return "password-" + username;
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Session(UUID id, String username, String token, String refreshToken) {
    }

    public record Response(int status, String contentType, String body, String retryAfter) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String code() {
            return json().path("code").asString();
        }
    }
}
