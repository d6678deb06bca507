package io.eventchat.gateway.attachment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("C:\\Users\\me\\photo.jpg")).isEqualTo("photo.jpg");
        assertThat(FileNames.sanitize("dir/")).isEqualTo(FileNames.FALLBACK);
    }

    @Test
    void dropsControlCharactersNulAndDirectionOverrides() {
        assertThat(FileNames.sanitize("a\u0000b\r\nc\u007f.png")).isEqualTo("abc.png");
        assertThat(FileNames.sanitize("invoice\u202Egnp.exe")).isEqualTo("invoicegnp.exe");
        assertThat(FileNames.sanitize("\u2066x\u2069.pdf")).isEqualTo("x.pdf");
    }

    @Test
    void neverYieldsADotNameOrAnEmptyOne() {
        assertThat(FileNames.sanitize("..")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitize("   ")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitize(null)).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitize(".htaccess")).isEqualTo("htaccess");
    }

    @Test
    void keepsLettersOfEveryScriptAndShortensLongNamesKeepingTheExtension() {
        assertThat(FileNames.sanitize("Grüße 日本.pdf")).isEqualTo("Grüße 日本.pdf");
        String shortened = FileNames.sanitize("x".repeat(400) + ".docx");
        assertThat(shortened).hasSize(FileNames.MAX_LENGTH).endsWith(".docx");
    }

    @Test
    void theAsciiFallbackHasNoQuotesOrNonAscii() {
        assertThat(FileNames.asciiFallback("a\"b\\c%d é.pdf")).isEqualTo("a_b_c_d _.pdf");
        assertThat(AttachmentController.contentDisposition("é \"x\".pdf"))
                .isEqualTo("attachment; filename=\"_ _x_.pdf\"; filename*=UTF-8''%C3%A9%20%22x%22.pdf");
    }
}
