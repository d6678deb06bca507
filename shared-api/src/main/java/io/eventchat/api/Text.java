package io.eventchat.api;

/**
 * What a text the chat accepts may contain: the one definition, used by the gateway's request validation and by the
 * aggregates, so that no command path can store anything else. A text is well-formed Unicode (no lone surrogate)
 * without control characters: none of C0 (U+0000–U+001F), DEL (U+007F) or C1 (U+0080–U+009F). PostgreSQL cannot
 * store U+0000 at all, and the others only hide or garble what a reader sees. Multi-line texts (message content)
 * may also hold line feed, carriage return and tab.
 */
public final class Text {

    /** Why a text was refused, for a field's error message. */
    public static final String SINGLE_LINE_RULE = "must not contain control characters or broken Unicode";
    public static final String MULTI_LINE_RULE =
            "must not contain control characters other than line feed, carriage return and tab, or broken Unicode";

    private Text() {
    }

    /** Whether {@code text} (null counts as valid: presence is another rule) holds no control character at all. */
    public static boolean isSingleLine(CharSequence text) {
        return isValid(text, false);
    }

    /** Whether {@code text} (null counts as valid) holds no control character but {@code \n}, {@code \r}, {@code \t}. */
    public static boolean isMultiLine(CharSequence text) {
        return isValid(text, true);
    }

    private static boolean isValid(CharSequence text, boolean lines) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (!lines || (c != '\n' && c != '\r' && c != '\t')) {
                    return false;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return false;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Refuses a single-line {@code text} of {@code field} with VALIDATION_FAILED. */
    public static String requireSingleLine(String field, String text) {
        if (!isSingleLine(text)) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, field + " " + SINGLE_LINE_RULE + ".");
        }
        return text;
    }

    /** Refuses a multi-line {@code text} of {@code field} with VALIDATION_FAILED. */
    public static String requireMultiLine(String field, String text) {
        if (!isMultiLine(text)) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, field + " " + MULTI_LINE_RULE + ".");
        }
        return text;
    }
}
