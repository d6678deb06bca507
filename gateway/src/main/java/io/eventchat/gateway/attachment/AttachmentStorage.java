package io.eventchat.gateway.attachment;

import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where attachment bytes live. Files are stored under keys the storage generates, never under a client's name.
 * {@link LocalFileStorage} is the default; another backend (an object store) implements the same methods.
 */
public interface AttachmentStorage {

    /** What was stored: its key, its exact size and the SHA-256 of its bytes (lowercase hex). */
    record Stored(String key, long size, String sha256) {
    }

    /**
     * Streams {@code content} into storage, never holding more than a small buffer of it in memory.
     *
     * @throws TooLargeException when more than {@code maxBytes} arrive (nothing is kept then)
     */
    Stored store(InputStream content, long maxBytes) throws IOException;

    /** The stored bytes; a file-backed resource lets the web layer answer range requests. */
    Resource open(String key) throws IOException;

    /** Deletes the stored bytes and whatever was derived from them. */
    void delete(String key) throws IOException;

    /** A file derived from the stored one (a thumbnail), kept under its key and a variant name; empty until stored. */
    Optional<Resource> openVariant(String key, String variant) throws IOException;

    /** Keeps a derived file; storing one variant twice leaves one complete file, never a mix of the two. */
    void storeVariant(String key, String variant, byte[] bytes) throws IOException;

    /** More bytes arrived than allowed. */
    final class TooLargeException extends IOException {

        public TooLargeException(long maxBytes) {
            super("more than " + maxBytes + " bytes");
        }
    }
}
