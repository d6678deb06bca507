package io.eventchat.api.user;

/**
 * Personal data sealed with its owner's key (AES-GCM; Base64 of nonce and ciphertext). Events carry personal data
 * only in this form, so deleting the owner's key erases it from every stored event at once.
 */
public record Sealed(String value) {
}
