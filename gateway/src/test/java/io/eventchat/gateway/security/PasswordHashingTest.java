package io.eventchat.gateway.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashingTest {

    private final PasswordHashing hashing = new PasswordHashing(new PasswordHashing.Settings(10));

    @Test
    void hashesAreSaltedBcryptOfCostTenAndVerify() {
        String first = hashing.hash("correct horse");
        String second = hashing.hash("correct horse");
        assertThat(first).startsWith("$2a$10$").isNotEqualTo(second);
        assertThat(hashing.matches("correct horse", first)).isTrue();
        assertThat(hashing.matches("correct horsE", first)).isFalse();
    }

    @Test
    void everyCharacterOfALongPasswordCounts() {
        String base = "é".repeat(100);
        String hash = hashing.hash(base + "a");
        assertThat(hashing.matches(base + "a", hash)).isTrue();
        assertThat(hashing.matches(base + "b", hash)).isFalse();
    }

    @Test
    void aCostBelowTenIsRefused() {
        assertThatThrownBy(() -> new PasswordHashing.Settings(9)).isInstanceOf(IllegalArgumentException.class);
    }
}
