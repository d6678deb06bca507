package io.eventchat.gateway.attachment;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stores each file as {@code <dir>/<k0k1>/<key>}, the key a random UUID (two hex characters of it spread files
 * over 256 directories), and what is derived from it as {@code <dir>/variants/<variant>/<k0k1>/<key>}. A file is
 * written under a temporary name and moved into place only when complete, so a reader never sees half a file and a
 * failed upload leaves nothing behind.
 */
public class LocalFileStorage implements AttachmentStorage {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern VARIANT = Pattern.compile("[a-z0-9]{1,32}");
    private static final int BUFFER = 64 * 1024;

    private final Path root;

    public LocalFileStorage(Path root) {
        try {
            this.root = Files.createDirectories(root.toAbsolutePath().normalize());
            Files.createDirectories(this.root.resolve("incoming"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the attachments directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public Stored store(InputStream content, long maxBytes) throws IOException {
        String key = UUID.randomUUID().toString();
        Path incoming = root.resolve("incoming").resolve(key);
        MessageDigest sha256 = sha256();
        long size = 0;
        try {
            try (OutputStream out = Files.newOutputStream(incoming)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = content.read(buffer)) != -1; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            Path target = path(key);
            Files.createDirectories(target.getParent());
            Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(incoming);
            throw e;
        }
        return new Stored(key, size, HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    public Resource open(String key) throws IOException {
        Path path = path(key);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(key);
        }
        return new FileSystemResource(path);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
        Path variants = root.resolve("variants");
        if (Files.isDirectory(variants)) {
            try (Stream<Path> made = Files.list(variants)) {
                for (Path variant : made.toList()) {
                    Files.deleteIfExists(variant.resolve(key.substring(0, 2)).resolve(key));
                }
            }
        }
    }

    @Override
    public Optional<Resource> openVariant(String key, String variant) {
        Path path = variantPath(key, variant);
        return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
    }

    @Override
    public void storeVariant(String key, String variant, byte[] bytes) throws IOException {
        Path target = variantPath(key, variant);
        Path incoming = root.resolve("incoming").resolve(UUID.randomUUID().toString());
        try {
            Files.write(incoming, bytes);
            Files.createDirectories(target.getParent());
            Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    private Path variantPath(String key, String variant) {
        if (variant == null || !VARIANT.matcher(variant).matches()) {
            throw new IllegalArgumentException("Not a variant name: " + variant);
        }
        Path original = path(key);
        return root.resolve("variants").resolve(variant).resolve(original.getParent().getFileName())
                .resolve(original.getFileName());
    }

    private Path path(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
