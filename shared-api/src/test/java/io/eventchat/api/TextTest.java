package io.eventchat.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTest {

    @Test
    void ordinaryTextInAnyScriptIsValid() {
        assertThat(Text.isSingleLine("Hello, wörld! こんにちは 👋🏽 ‮")).isTrue();
        assertThat(Text.isMultiLine("Hello\nworld\r\n\tindented")).isTrue();
        assertThat(Text.isSingleLine(null)).isTrue();
        assertThat(Text.isSingleLine("")).isTrue();
    }

    @Test
    void everyC0AndC1ControlCharacterAndDelIsInvalid() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(Text.isSingleLine("a" + c + "b")).as("U+%04X", (int) c).isFalse();
            assertThat(Text.isMultiLine("a" + c + "b")).as("U+%04X", (int) c)
                    .isEqualTo(c == '\n' || c == '\r' || c == '\t');
        }
        for (char c = 0x7F; c <= 0x9F; c++) {
            assertThat(Text.isSingleLine("a" + c + "b")).as("U+%04X", (int) c).isFalse();
            assertThat(Text.isMultiLine("a" + c + "b")).as("U+%04X", (int) c).isFalse();
        }
        assertThat(Text.isSingleLine("a\u00A0b")).as("no-break space, the first after C1").isTrue();
    }

    @Test
    void aLoneSurrogateIsBrokenUnicode() {
        assertThat(Text.isSingleLine("a\uD800")).isFalse();
        assertThat(Text.isSingleLine("a\uDC00b")).isFalse();
        assertThat(Text.isSingleLine("\uD800\uD800\uDC00")).isFalse();
        assertThat(Text.isSingleLine("\uD83D\uDC4B")).isTrue();
    }

    @Test
    void aRefusalNamesTheFieldWithAStableCode() {
        assertThatThrownBy(() -> Text.requireMultiLine("content", "a\u0000b"))
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).startsWith("content must not contain control characters");
                });
        assertThat(Text.requireSingleLine("name", "fine")).isEqualTo("fine");
    }
}
