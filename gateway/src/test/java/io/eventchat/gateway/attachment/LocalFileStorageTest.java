package io.eventchat.gateway.attachment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFileStorageTest {

    @TempDir
    Path dir;

    @Test
    void storesUnderAGeneratedKeyWithSizeAndHash() throws IOException {
        LocalFileStorage storage = new LocalFileStorage(dir.resolve("created/at/start"));
        AttachmentStorage.Stored stored = storage.store(new ByteArrayInputStream("abc".getBytes()), 3);

        assertThat(stored.key()).matches("[0-9a-f-]{36}");
        assertThat(stored.size()).isEqualTo(3);
        assertThat(stored.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        try (InputStream in = storage.open(stored.key()).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo("abc".getBytes());
        }
        storage.delete(stored.key());
        assertThatThrownBy(() -> storage.open(stored.key())).isInstanceOf(IOException.class);
    }

    @Test
    void oneByteOverTheLimitFailsAndLeavesNothingBehind() throws IOException {
        LocalFileStorage storage = new LocalFileStorage(dir);
        assertThatThrownBy(() -> storage.store(new ByteArrayInputStream(new byte[1025]), 1024))
                .isInstanceOf(AttachmentStorage.TooLargeException.class);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void keysThatAreNotItsOwnAreRefused() {
        LocalFileStorage storage = new LocalFileStorage(dir);
        assertThatThrownBy(() -> storage.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.delete("incoming")).isInstanceOf(IllegalArgumentException.class);
        String key = java.util.UUID.randomUUID().toString();
        assertThatThrownBy(() -> storage.openVariant(key, "../../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.storeVariant("../" + key, "thumb", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVariantIsKeptBesideItsOriginalAndDeletedWithIt() throws IOException {
        LocalFileStorage storage = new LocalFileStorage(dir);
        String key = storage.store(new ByteArrayInputStream("original".getBytes()), 100).key();
        assertThat(storage.openVariant(key, "small")).isEmpty();

        storage.storeVariant(key, "small", "first".getBytes());
        storage.storeVariant(key, "small", "second".getBytes());
        try (InputStream in = storage.openVariant(key, "small").orElseThrow().getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo("second".getBytes());
        }
        try (InputStream in = storage.open(key).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo("original".getBytes());
        }
        storage.delete(key);
        assertThat(storage.openVariant(key, "small")).isEmpty();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).as("no temporary file left").isEmpty();
        }
    }
}
