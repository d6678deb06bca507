package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.RawConnection;
import io.eventchat.gateway.support.SampleFiles;
import io.eventchat.gateway.support.TestServices;
import io.eventchat.gateway.support.Uploads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Attachments through HTTP: upload, attach, download, limits, disguises, names, ownership, deletion, stats. */
class AttachmentsIT extends IntegrationTest {

    private static final int MIB_10 = 10 * 1024 * 1024;

    private Uploads uploads;

    @BeforeEach
    void uploads() {
        uploads = new Uploads(port);
    }

    @Test
    void uploadAttachDownloadByAnotherParticipant() {
        Api.Session alice = api.register("att_alice");
        Api.Session bob = api.register("att_bob");
        String roomId = groupRoom(alice, bob.id());
        byte[] png = SampleFiles.image("png", 64, 48);

        Api.Response uploaded = uploads.upload("holiday photo.png", "application/octet-stream", png, alice.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode file = uploaded.json();
        String id = file.path("id").asString();
        assertThat(file.path("fileName").asString()).isEqualTo("holiday photo.png");
        assertThat(file.path("contentType").asString()).isEqualTo("image/png");
        assertThat(file.path("size").asLong()).isEqualTo(png.length);
        assertThat(file.path("sha256").asString()).isEqualTo(sha256(png));
        assertThat(file.path("url").asString()).isEqualTo("/api/attachments/" + id + "/content");

        Api.Response posted = api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "look", "attachmentIds", List.of(id)), alice.token());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().path("attachments").get(0).path("id").asString()).isEqualTo(id);
        assertThat(posted.json().path("attachments").get(0).path("contentType").asString()).isEqualTo("image/png");

        // the other participant sees it in the history, and may fetch it
        Api.Response history = eventually(() -> api.get("/api/rooms/" + roomId + "/messages", bob.token()),
                r -> r.json().path("items").size() > 0
                        && r.json().path("items").get(r.json().path("items").size() - 1).path("attachments").size() == 1);
        JsonNode attachment = history.json().path("items").get(history.json().path("items").size() - 1)
                .path("attachments").get(0);
        assertThat(attachment.path("sha256").asString()).isEqualTo(sha256(png));
        assertThat(api.get("/api/rooms/" + roomId + "/messages/recent", bob.token()).body()).contains(id);

        HttpResponse<byte[]> content = eventually(() -> uploads.download("/api/attachments/" + id + "/content",
                bob.token(), Map.of()), r -> r.statusCode() == 200);
        assertThat(content.body()).isEqualTo(png);
        assertThat(content.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(content.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(content.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"holiday photo.png\"; filename*=UTF-8''holiday%20photo.png");

        HttpResponse<byte[]> range = uploads.download("/api/attachments/" + id + "/content", bob.token(),
                Map.of("Range", "bytes=0-9"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOf(png, 10));

        Api.Response metadata = api.get("/api/attachments/" + id, bob.token());
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().path("roomId").asString()).isEqualTo(roomId);
        assertThat(metadata.json().path("uploaderId").asString()).isEqualTo(alice.id().toString());
    }

    @Test
    void outsidersMayNotSeeAnAttachmentAndOnlyTheUploaderSeesAnUnattachedOne() {
        Api.Session alice = api.register("att_owner");
        Api.Session bob = api.register("att_member");
        Api.Session eve = api.register("att_outsider");
        String roomId = groupRoom(alice, bob.id());
        String id = upload(alice, "report.pdf", SampleFiles.pdf(2048));

        eventually(() -> api.get("/api/attachments/" + id, alice.token()), r -> r.status() == 200);
        assertThat(download(alice, id).statusCode()).isEqualTo(200);
        assertThat(download(bob, id).statusCode()).as("not posted yet").isEqualTo(403);

        attach(alice, roomId, id);
        eventually(() -> api.get("/api/attachments/" + id, bob.token()), r -> r.status() == 200);
        Api.Response forbidden = api.get("/api/attachments/" + id, eve.token());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("NOT_ALLOWED");
        assertThat(download(eve, id).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/rooms/" + roomId + "/attachments", eve.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/rooms/" + roomId + "/attachments/stats", eve.token()).status()).isEqualTo(403);
        assertThat(uploads.upload("x.pdf", "application/pdf", SampleFiles.pdf(100), null).status()).isEqualTo(401);
    }

    @Test
    void exactlyTenMebibytesAreAcceptedAndOneByteMoreIsNotEvenWithoutADeclaredLength() {
        Api.Session alice = api.register("att_big");
        byte[] exact = SampleFiles.pdf(MIB_10);
        Api.Response accepted = uploads.upload("exact.pdf", "application/pdf", exact, alice.token());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.json().path("size").asLong()).isEqualTo(MIB_10);
        assertThat(accepted.json().path("sha256").asString()).isEqualTo(sha256(exact));

        byte[] over = SampleFiles.pdf(MIB_10 + 1);
        for (Uploads.Framing framing : Uploads.Framing.values()) {
            Api.Response rejected = uploads.upload("over.pdf", "application/pdf", over, alice.token(), framing);
            assertThat(rejected.status()).as(framing + ": " + rejected.body()).isEqualTo(413);
            assertThat(rejected.contentType()).startsWith("application/problem+json");
            assertThat(rejected.code()).isEqualTo("ATTACHMENT_TOO_LARGE");
            // however the limit was met, the answer states it
            assertThat(rejected.json().path("detail").asString()).as(framing.name()).contains("10485760 bytes (10 MiB)");
        }
    }

    @Test
    void aContentLengthShorterThanTheBodyEndsTheUploadThereAndTheRestIsNeverStored() throws Exception {
        Api.Session alice = api.register("att_short");
        // three times the limit: more than the socket buffers of both ends can hold, so only a server that reads on
        // could take it all
        byte[] over = SampleFiles.pdf(3 * MIB_10);
        Stored before = storedBy(alice);
        // a kilobyte of the 10 MiB + 1 file declared: that kilobyte is the body, a multipart cut off inside its part;
        // no length declared: an HTTP/1.1 request without one has no body, so no file part either
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("1024", "MALFORMED_REQUEST");
        expected.put("none", "VALIDATION_FAILED");
        for (Map.Entry<String, String> declared : expected.entrySet()) {
            String length = declared.getKey().equals("none") ? null : declared.getKey();
            byte[] request = rawUpload(alice, over, length, "");
            try (RawConnection connection = new RawConnection(port)) {
                connection.send(request);
                RawConnection.Reply reply = connection.reply(Duration.ofSeconds(30));
                assertThat(reply.status()).as(declared + ": " + reply.body()).isEqualTo(400);
                assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
                assertThat(reply.code()).as(declared + ": " + reply.body()).isEqualTo(declared.getValue());
                // what follows the declared length is no body but a malformed next request: the server refuses it
                // and cuts the connection instead of reading the remaining megabytes
                assertThat(connection.closedByServerWithin(Duration.ofSeconds(30))).as(declared.getKey()).isTrue();
                assertThat(connection.remainingReplies()).extracting(RawConnection.Reply::status)
                        .allMatch(status -> status >= 400);
                assertThat(connection.sendWasCut(Duration.ofSeconds(30))).as("cut off after %d of %d bytes",
                        connection.written(), request.length).isTrue();
            }
        }
        assertThat(storedBy(alice)).isEqualTo(before);
    }

    @Test
    void aContentLengthLongerThanTheBodyDoesNotLetMoreThanTheLimitIn() throws Exception {
        Api.Session alice = api.register("att_long");
        byte[] over = SampleFiles.pdf(MIB_10 + 1);
        int bodyLength = Uploads.multipart("b", "over.pdf", "application/pdf", over).length;
        Stored before = storedBy(alice);
        Map<String, byte[]> lies = new LinkedHashMap<>();
        // more than is sent, within the request limit: the bytes are counted as they come, and the 10 MiB + 1st
        // byte of the file ends it while the server still waits for the rest
        lies.put("declared 64 KiB more than sent", rawUpload(alice, over, Integer.toString(bodyLength + 65536), ""));
        // more than any upload may be: refused on the header
        lies.put("declared 100 MiB", rawUpload(alice, over, Integer.toString(100 << 20), ""));
        // the request's length honest, the file part's own Content-Length a lie
        lies.put("part declares 100 bytes", rawUpload(alice, over, Integer.toString(bodyLength
                + "Content-Length: 100\r\n".length()), "Content-Length: 100\r\n"));
        for (Map.Entry<String, byte[]> lie : lies.entrySet()) {
            try (RawConnection connection = new RawConnection(port)) {
                // the connection stays open: the answer must come from what arrived, not from the end of the body
                connection.send(lie.getValue());
                RawConnection.Reply reply = connection.reply(Duration.ofSeconds(30));
                assertThat(reply.status()).as(lie.getKey() + ": " + reply.body()).isEqualTo(413);
                assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
                assertThat(reply.code()).isEqualTo("ATTACHMENT_TOO_LARGE");
            }
        }
        assertThat(storedBy(alice)).isEqualTo(before);
    }

    @Test
    void everyAllowedTypeIsRecognisedFromItsBytes() {
        Api.Session alice = api.register("att_types");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("image/jpeg", SampleFiles.image("jpeg", 20, 20));
        files.put("image/png", SampleFiles.image("png", 20, 20));
        files.put("image/gif", SampleFiles.image("gif", 20, 20));
        files.put("image/webp", SampleFiles.webp());
        files.put("application/pdf", SampleFiles.pdf(300));
        files.put("application/msword", SampleFiles.doc());
        files.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document", SampleFiles.docx());
        files.forEach((type, bytes) -> {
            // a name and a declared type that say nothing true
            Api.Response uploaded = uploads.upload("file.bin", "text/plain", bytes, alice.token());
            assertThat(uploaded.status()).as(type + ": " + uploaded.body()).isEqualTo(201);
            assertThat(uploaded.json().path("contentType").asString()).isEqualTo(type);
        });
    }

    @Test
    void forbiddenTypesDisguisedAsAllowedOnesAreRefused() {
        Api.Session alice = api.register("att_disguise");
        Map<String, byte[]> disguised = new LinkedHashMap<>();
        disguised.put("page.png", SampleFiles.html());
        disguised.put("drawing.jpg", SampleFiles.svg());
        disguised.put("tool.pdf", SampleFiles.elf());
        disguised.put("setup.docx", SampleFiles.exe());
        disguised.put("archive.png", SampleFiles.zip(new String[][]{{"readme.txt", "hello"}}));
        disguised.put("letter.docx", SampleFiles.zip(new String[][]{{"word/document.xml", "<w/>"}}));
        disguised.put("sheet.doc", SampleFiles.xls());
        disguised.put("script.gif", "#!/bin/sh\nrm -rf /\n".getBytes());
        long storedBefore = storedFiles();
        disguised.forEach((name, bytes) -> {
            String declared = name.endsWith(".png") ? "image/png" : name.endsWith(".jpg") ? "image/jpeg"
                    : name.endsWith(".gif") ? "image/gif" : "application/pdf";
            Api.Response refused = uploads.upload(name, declared, bytes, alice.token());
            assertThat(refused.status()).as(name + ": " + refused.body()).isEqualTo(415);
            assertThat(refused.code()).isEqualTo("UNSUPPORTED_ATTACHMENT_TYPE");
        });
        assertThat(storedFiles()).as("refused files are not kept").isEqualTo(storedBefore);
    }

    @Test
    void fileNamesAreSanitizedAndNeverUsedForStorage() throws IOException {
        Api.Session alice = api.register("att_names");
        Map<String, String> names = new LinkedHashMap<>();
        names.put("../../../../etc/passwd.png", "passwd.png");
        names.put("..\\..\\windows\\win.ini.png", "win.ini.png");
        names.put("evil\u0007bell\u0001.png", "evilbell.png");
        names.put("invoice\u202Egnp.exe", "invoicegnp.exe");
        names.put("..", "file");
        names.put("Grüße an Zoë.pdf.png", "Grüße an Zoë.pdf.png");
        for (Map.Entry<String, String> name : names.entrySet()) {
            Api.Response uploaded = uploads.upload(name.getKey(), "image/png", SampleFiles.image("png", 4, 4),
                    alice.token());
            assertThat(uploaded.status()).as(name.getKey() + ": " + uploaded.body()).isEqualTo(201);
            assertThat(uploaded.json().path("fileName").asString()).as(name.getKey()).isEqualTo(name.getValue());
        }
        try (Stream<Path> stored = Files.walk(TestServices.ATTACHMENTS_DIR)) {
            assertThat(stored.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.matches("[0-9a-f-]{36}"));
        }
        assertThat(TestServices.ATTACHMENTS_DIR.getParent().resolve("etc")).doesNotExist();
    }

    @Test
    void onlyTheUploaderAttachesAnUploadAndOnlyOnce() throws Exception {
        Api.Session alice = api.register("att_thief_a");
        Api.Session bob = api.register("att_thief_b");
        String roomId = groupRoom(alice, bob.id());
        String otherRoom = groupRoom(bob, alice.id());
        String id = upload(alice, "mine.pdf", SampleFiles.pdf(500));

        Api.Response stolen = api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "mine now", "attachmentIds", List.of(id)), bob.token());
        assertThat(stolen.status()).isEqualTo(403);
        assertThat(stolen.code()).isEqualTo("NOT_ALLOWED");

        attach(alice, roomId, id);
        Api.Response again = api.post("/api/rooms/" + otherRoom + "/messages",
                Map.of("content", "twice", "attachmentIds", List.of(id)), alice.token());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ATTACHMENT_ALREADY_ATTACHED");

        Api.Response unknown = api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "ghost", "attachmentIds", List.of(java.util.UUID.randomUUID())), alice.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("ATTACHMENT_NOT_FOUND");

        // the refused posts stored nothing: the room has its creation events and one message
        assertThat(TestServices.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%MessagePosted'", roomId)).isEqualTo(1);
        assertThat(TestServices.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%MessagePosted'", otherRoom)).isZero();
    }

    @Test
    void theUploaderCannotAttachTheirUploadInARoomTheyDoNotBelongTo() throws Exception {
        Api.Session alice = api.register("att_stranger");
        Api.Session bob = api.register("att_host");
        Api.Session carol = api.register("att_guest");
        String bobsRoom = groupRoom(bob, carol.id());
        String alicesRoom = groupRoom(alice, bob.id());
        String id = upload(alice, "mine.pdf", SampleFiles.pdf(400));

        Api.Response refused = api.post("/api/rooms/" + bobsRoom + "/messages",
                Map.of("content", "let me in", "attachmentIds", List.of(id)), alice.token());
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("NOT_A_PARTICIPANT");

        // nothing was posted or claimed: the room's members cannot reach the upload, and it is still free to attach
        eventually(() -> api.get("/api/attachments/" + id, alice.token()), r -> r.status() == 200);
        assertThat(TestServices.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%MessagePosted'", bobsRoom)).isZero();
        assertThat(TestServices.count("SELECT count(*) FROM attachment_record WHERE attachment_id = ?::uuid "
                + "AND message_id IS NOT NULL", id)).isZero();
        for (Api.Session member : List.of(bob, carol)) {
            assertThat(api.get("/api/attachments/" + id, member.token()).code()).isEqualTo("NOT_ALLOWED");
            assertThat(download(member, id).statusCode()).isEqualTo(403);
        }
        assertThat(api.get("/api/rooms/" + bobsRoom + "/attachments", bob.token()).json().path("items").size())
                .isZero();
        attach(alice, alicesRoom, id);
        eventually(() -> download(bob, id), r -> r.statusCode() == 200);
        assertThat(download(carol, id).statusCode()).as("not a participant of the room where it was posted")
                .isEqualTo(403);
    }

    @Test
    void aDeletedMessageHidesItsAttachmentsUntilRestored() {
        Api.Session alice = api.register("att_del_a");
        Api.Session bob = api.register("att_del_b");
        String roomId = groupRoom(alice, bob.id());
        String id = upload(alice, "secret.pdf", SampleFiles.pdf(700));
        String messageId = attach(alice, roomId, id);
        eventually(() -> api.get("/api/attachments/" + id, bob.token()), r -> r.status() == 200);

        assertThat(api.request("DELETE", "/api/messages/" + messageId, alice.token()).status()).isEqualTo(204);
        for (Api.Session who : List.of(alice, bob)) {
            Api.Response gone = eventually(() -> api.get("/api/attachments/" + id, who.token()),
                    r -> r.status() == 410);
            assertThat(gone.code()).isEqualTo("ATTACHMENT_GONE");
            assertThat(download(who, id).statusCode()).isEqualTo(410);
        }
        JsonNode message = eventually(() -> api.get("/api/messages/" + messageId, bob.token()),
                r -> r.json().path("deleted").asBoolean()).json();
        assertThat(message.path("attachments").size()).isZero();
        eventually(() -> api.get("/api/rooms/" + roomId + "/messages/recent", bob.token()),
                r -> !r.body().contains(id));
        assertThat(api.get("/api/rooms/" + roomId + "/attachments", bob.token()).json().path("items").size())
                .isZero();

        assertThat(api.post("/api/messages/" + messageId + "/restore", Map.of(), alice.token()).status())
                .isEqualTo(200);
        eventually(() -> download(bob, id), r -> r.statusCode() == 200);
    }

    @Test
    void imagesHaveAThumbnailForThoseWhoMaySeeThemAndOtherFilesNone() throws IOException {
        Api.Session alice = api.register("att_thumb_a");
        Api.Session bob = api.register("att_thumb_b");
        Api.Session eve = api.register("att_thumb_e");
        String roomId = groupRoom(alice, bob.id());
        String photo = upload(alice, "photo.jpg", SampleFiles.image("jpeg", 1200, 900));
        String pdf = upload(alice, "doc.pdf", SampleFiles.pdf(800));
        String webp = upload(alice, "pic.webp", SampleFiles.webp());
        String messageId = attach(alice, roomId, photo, pdf, webp);

        long previewsBefore = previewFiles();
        HttpResponse<byte[]> thumbnail = eventually(() -> thumbnail(bob, photo), r -> r.statusCode() == 200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(thumbnail.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        java.awt.image.BufferedImage preview = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(thumbnail.body()));
        assertThat(preview.getWidth()).isEqualTo(320);
        assertThat(preview.getHeight()).isEqualTo(240);
        assertThat(thumbnail(alice, photo).body()).isEqualTo(thumbnail.body());
        assertThat(previewFiles()).as("made once and kept").isEqualTo(previewsBefore + 1);

        assertThat(thumbnail(eve, photo).statusCode()).isEqualTo(403);
        for (String none : List.of(pdf, webp)) {
            Api.Response missing = api.get("/api/attachments/" + none + "/thumbnail", bob.token());
            assertThat(missing.status()).as(missing.body()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("THUMBNAIL_NOT_AVAILABLE");
        }

        assertThat(api.request("DELETE", "/api/messages/" + messageId, alice.token()).status()).isEqualTo(204);
        Api.Response gone = eventually(() -> api.get("/api/attachments/" + photo + "/thumbnail", bob.token()),
                r -> r.status() == 410);
        assertThat(gone.code()).isEqualTo("ATTACHMENT_GONE");
    }

    @Test
    void roomAttachmentsAreListedByTypeAndCounted() {
        Api.Session alice = api.register("att_stats");
        Api.Session bob = api.register("att_stats_b");
        String roomId = groupRoom(alice, bob.id());
        byte[] png = SampleFiles.image("png", 30, 30);
        String image = upload(alice, "a.png", png);
        String pdf1 = upload(alice, "one.pdf", SampleFiles.pdf(1000));
        String pdf2 = upload(bob, "two.pdf", SampleFiles.pdf(3000));
        attach(alice, roomId, image, pdf1);
        attach(bob, roomId, pdf2);

        Api.Response stats = eventually(() -> api.get("/api/rooms/" + roomId + "/attachments/stats", bob.token()),
                r -> r.json().path("count").asLong() == 3);
        assertThat(stats.json().path("bytes").asLong()).isEqualTo(png.length + 1000 + 3000);
        JsonNode byType = stats.json().path("byType");
        assertThat(byType.get(0).path("contentType").asString()).isEqualTo("application/pdf");
        assertThat(byType.get(0).path("count").asLong()).isEqualTo(2);
        assertThat(byType.get(0).path("bytes").asLong()).isEqualTo(4000);
        assertThat(byType.get(1).path("contentType").asString()).isEqualTo("image/png");

        JsonNode all = api.get("/api/rooms/" + roomId + "/attachments", alice.token()).json();
        assertThat(all.path("items").size()).isEqualTo(3);
        assertThat(all.path("items").get(0).path("id").asString()).as("newest first").isEqualTo(pdf2);
        JsonNode images = api.get("/api/rooms/" + roomId + "/attachments?type=image", alice.token()).json();
        assertThat(images.path("items").size()).isEqualTo(1);
        assertThat(images.path("items").get(0).path("id").asString()).isEqualTo(image);
        JsonNode pdfs = api.get("/api/rooms/" + roomId + "/attachments?type=application/pdf&limit=1",
                alice.token()).json();
        assertThat(pdfs.path("items").get(0).path("id").asString()).isEqualTo(pdf2);
        JsonNode older = api.get("/api/rooms/" + roomId + "/attachments?type=application/pdf&limit=1&before="
                + pdfs.path("nextCursor").asLong(), alice.token()).json();
        assertThat(older.path("items").get(0).path("id").asString()).isEqualTo(pdf1);
        assertThat(older.path("nextCursor").isNull()).isTrue();
        Api.Response bad = api.get("/api/rooms/" + roomId + "/attachments?type=../x", alice.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aRequestWithoutAFileOrNotMultipartIsAClearError() {
        Api.Session alice = api.register("att_bad");
        Api.Response json = api.post("/api/attachments", Map.of("file", "x"), alice.token());
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.contentType()).startsWith("application/problem+json");
        Api.Response noFile = api.postRaw("/api/attachments", "--b\r\nContent-Disposition: form-data; name=\"other\""
                + "\r\n\r\nx\r\n--b--\r\n", "multipart/form-data; boundary=b", alice.token());
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.body()).contains("\"file\"");
        Api.Response truncated = api.postRaw("/api/attachments", "--b\r\nContent-Disposition: form-data; "
                + "name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 and then nothing", "multipart/form-data; boundary=b",
                alice.token());
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(api.get("/api/attachments/not-a-uuid", alice.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/attachments/" + java.util.UUID.randomUUID(), alice.token()).code())
                .isEqualTo("ATTACHMENT_NOT_FOUND");
    }

    /**
     * A multipart upload of {@code content} as raw bytes: request line, headers with {@code Content-Length:
     * declared} (none when null) and the body, whatever its true length.
     */
    private static byte[] rawUpload(Api.Session who, byte[] content, String declared, String partHeaders) {
        byte[] body = Uploads.multipart("b", "over.pdf", "application/pdf", content, partHeaders);
        String head = "POST /api/attachments HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + who.token() + "\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\n"
                + (declared == null ? "" : "Content-Length: " + declared + "\r\n") + "\r\n";
        byte[] request = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
        System.arraycopy(body, 0, request, head.length(), body.length);
        return request;
    }

    /** What an upload leaves behind: files in storage (complete or incoming), and the uploader's events and records. */
    private record Stored(long files, long events, long records) {
    }

    private static Stored storedBy(Api.Session who) throws SQLException {
        return new Stored(storedFiles(),
                TestServices.count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                        + "'%AttachmentUploaded' AND convert_from(payload, 'UTF8')::jsonb ->> 'uploaderId' = ?",
                        who.id().toString()),
                TestServices.count("SELECT count(*) FROM attachment_record WHERE uploader_id = ?", who.id()));
    }

    private String upload(Api.Session who, String name, byte[] bytes) {
        Api.Response uploaded = uploads.upload(name, "application/octet-stream", bytes, who.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json().path("id").asString();
    }

    private String attach(Api.Session who, String roomId, String... ids) {
        Api.Response posted = api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "files", "attachmentIds", List.of(ids)), who.token());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        return posted.json().path("id").asString();
    }

    private HttpResponse<byte[]> thumbnail(Api.Session who, String id) {
        return uploads.download("/api/attachments/" + id + "/thumbnail", who.token(), Map.of());
    }

    private HttpResponse<byte[]> download(Api.Session who, String id) {
        return uploads.download("/api/attachments/" + id + "/content", who.token(), Map.of());
    }

    private static long previewFiles() throws IOException {
        Path previews = TestServices.ATTACHMENTS_DIR.resolve("variants");
        if (!Files.isDirectory(previews)) {
            return 0;
        }
        try (Stream<Path> stored = Files.walk(previews)) {
            return stored.filter(Files::isRegularFile).count();
        }
    }

    private static long storedFiles() {
        try (Stream<Path> stored = Files.walk(TestServices.ATTACHMENTS_DIR)) {
            return stored.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
