package io.eventchat.gateway.attachment;

import java.text.Normalizer;

/**
 * Turns a client's file name into metadata that is safe to store and show: the last path segment only, without
 * control characters, NUL, or bidirectional overrides that could disguise an extension; at most 255 characters,
 * keeping the extension. Files are never stored under this name.
 */
public final class FileNames {

    static final int MAX_LENGTH = 255;
    static final String FALLBACK = "file";

    private FileNames() {
    }

    public static String sanitize(String original) {
        if (original == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(original, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().filter(c -> !unsafe(c)).forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            return FALLBACK;
        }
        if (name.length() > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            name = name.substring(0, MAX_LENGTH - extension.length()) + extension;
        }
        return name;
    }

    /** The name for a Content-Disposition {@code filename} fallback: printable ASCII without quotes. */
    public static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.chars().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%'
                ? (char) c : '_'));
        return ascii.toString();
    }

    private static boolean unsafe(int c) {
        return Character.isISOControl(c)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) // bidirectional overrides
                || c == 0x200e || c == 0x200f || c == 0xfeff
                || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED;
    }
}
