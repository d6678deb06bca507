package io.eventchat.command.user;

import io.eventchat.api.user.Sealed;
import io.eventchat.api.user.UnsealPersonalData;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Crypto-shredding of personal data in events: each user has a random AES-256 key in {@code personal_data_key};
 * values are sealed with AES-GCM under it before they go into an event. Shredding the key erases the value from
 * every event that holds it, without rewriting the event store.
 */
@Component
public class PersonalDataVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    PersonalDataVault(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Sealed seal(UUID userId, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        jdbc.sql("INSERT INTO personal_data_key (user_id, data_key) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(userId, key).update();
        byte[] stored = key(userId).orElseThrow(() -> new IllegalStateException("no data key for " + userId));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, stored, nonce, plaintext.getBytes(StandardCharsets.UTF_8));
        return new Sealed(Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array()));
    }

    void shred(UUID userId) {
        jdbc.sql("DELETE FROM personal_data_key WHERE user_id = ?").param(userId).update();
    }

    @QueryHandler
    Optional<String> handle(UnsealPersonalData query) {
        if (query.sealed() == null) {
            return Optional.empty();
        }
        return key(query.userId()).map(key -> {
            byte[] sealed = Base64.getDecoder().decode(query.sealed().value());
            byte[] nonce = java.util.Arrays.copyOfRange(sealed, 0, NONCE_BYTES);
            byte[] ciphertext = java.util.Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length);
            return new String(crypt(Cipher.DECRYPT_MODE, key, nonce, ciphertext), StandardCharsets.UTF_8);
        });
    }

    private Optional<byte[]> key(UUID userId) {
        return jdbc.sql("SELECT data_key FROM personal_data_key WHERE user_id = ?").param(userId)
                .query(byte[].class).optional();
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing personal data failed", e);
        }
    }
}
