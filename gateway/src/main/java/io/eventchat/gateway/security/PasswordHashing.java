package io.eventchat.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Passwords are hashed with bcrypt. bcrypt reads at most 72 bytes, and the API allows 128 characters (up to 512
 * bytes of UTF-8), so the password is first reduced to the Base64 of its SHA-256 (44 ASCII bytes, no NUL) and that
 * is what bcrypt salts and stretches. Every character of a long password therefore counts.
 */
@Component
public class PasswordHashing {

    private final BCryptPasswordEncoder bcrypt;
    private final String dummyHash;

    PasswordHashing(Settings settings) {
        this.bcrypt = new BCryptPasswordEncoder(settings.bcryptStrength());
        this.dummyHash = bcrypt.encode(prehash("not a real password"));
    }

    public String hash(String password) {
        return bcrypt.encode(prehash(password));
    }

    public boolean matches(String password, String hash) {
        return hash != null && bcrypt.matches(prehash(password), hash);
    }

    /** Spends the same time as a real check, so an unknown login cannot be told from a wrong password by timing. */
    public void burnCheck(String password) {
        bcrypt.matches(prehash(password), dummyHash);
    }

    private static String prehash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @param bcryptStrength bcrypt's log2 cost; at least 10 */
    @ConfigurationProperties("chat.passwords")
    public record Settings(@DefaultValue("10") int bcryptStrength) {
        public Settings {
            if (bcryptStrength < 10) {
                throw new IllegalArgumentException("chat.passwords.bcrypt-strength must be at least 10");
            }
        }
    }
}
