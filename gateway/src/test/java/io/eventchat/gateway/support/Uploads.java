package io.eventchat.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Multipart uploads and binary downloads over real HTTP, including the ways a client can misbehave. */
public final class Uploads {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Uploads(int port) {
        this.base = "http://localhost:" + port;
    }

    /** How the body travels: with its true Content-Length, or chunked (no length declared at all). */
    public enum Framing { LENGTH, CHUNKED }

    public Api.Response upload(String fileName, String declaredType, byte[] content, String token) {
        return upload(fileName, declaredType, content, token, Framing.LENGTH);
    }

    public Api.Response upload(String fileName, String declaredType, byte[] content, String token, Framing framing) {
        String boundary = "----eventchat" + UUID.randomUUID();
        byte[] body = multipart(boundary, fileName, declaredType, content);
        HttpRequest.BodyPublisher publisher = framing == Framing.LENGTH
                ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/attachments"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(publisher);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> download(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET();
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] multipart(String boundary, String fileName, String declaredType, byte[] content) {
        return multipart(boundary, fileName, declaredType, content, "");
    }

    /** A multipart body with a field {@code file}; {@code partHeaders} (each ending in CRLF) go into its part. */
    public static byte[] multipart(String boundary, String fileName, String declaredType, byte[] content,
                                   String partHeaders) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + declaredType + "\r\n" + partHeaders + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
