package io.eventchat.gateway.attachment;

import io.eventchat.gateway.support.SampleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailsTest {

    @TempDir
    Path dir;

    private static Optional<byte[]> render(byte[] bytes) throws IOException {
        return render(bytes, Thumbnails.MAX_PIXELS);
    }

    private static Optional<byte[]> render(byte[] bytes, long maxPixels) throws IOException {
        return Thumbnails.render(ImageIO.createImageInputStream(new ByteArrayInputStream(bytes)), maxPixels);
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static BufferedImage decode(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return decode(in.readAllBytes());
        }
    }

    @Test
    void aLargeImageIsScaledToFitKeepingItsProportions() throws IOException {
        for (String format : new String[]{"png", "jpeg", "gif"}) {
            BufferedImage wide = decode(render(SampleFiles.image(format, 1000, 500)).orElseThrow());
            assertThat(wide.getWidth()).as(format).isEqualTo(320);
            assertThat(wide.getHeight()).as(format).isEqualTo(160);
        }
        BufferedImage tall = decode(render(SampleFiles.image("png", 333, 1999)).orElseThrow());
        assertThat(tall.getHeight()).isEqualTo(320);
        assertThat(tall.getWidth()).isEqualTo(53);
    }

    @Test
    void aSmallImageKeepsItsSizeAndItsPixels() throws IOException {
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(SampleFiles.image("png", 40, 30)));
        BufferedImage preview = decode(render(SampleFiles.image("png", 40, 30)).orElseThrow());
        assertThat(preview.getWidth()).isEqualTo(40);
        assertThat(preview.getHeight()).isEqualTo(30);
        assertThat(preview.getRGB(17, 11)).isEqualTo(original.getRGB(17, 11));
    }

    @Test
    void transparencyIsKept() throws IOException {
        BufferedImage clear = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(clear, "png", png);
        assertThat(decode(render(png.toByteArray()).orElseThrow()).getRGB(5, 5) >>> 24).isZero();
    }

    @Test
    void anImageOverThePixelLimitIsNotDecoded() throws IOException {
        byte[] png = SampleFiles.image("png", 100, 50);
        assertThat(render(png, 5_000)).isPresent();
        assertThat(render(png, 4_999)).isEmpty();
    }

    @Test
    void aFewBytesClaimingGigapixelsHaveNoPreview() throws IOException {
        // 40000 x 40000: decoded whole it would take 6 GB
        assertThat(render(pngClaiming(40_000, 40_000))).isEmpty();
    }

    @Test
    void bytesThatAreNoImageOrABrokenOneHaveNoPreview() throws IOException {
        assertThat(render(SampleFiles.pdf(500))).isEmpty();
        byte[] png = SampleFiles.image("png", 200, 200);
        byte[] cut = java.util.Arrays.copyOf(png, png.length / 2);
        assertThat(render(cut)).isEmpty();
        assertThat(render(new byte[0])).isEmpty();
    }

    @Test
    void aPreviewIsMadeOnceAndKeptAsAVariantOfTheOriginal() throws IOException {
        LocalFileStorage storage = new LocalFileStorage(dir);
        Thumbnails thumbnails = new Thumbnails(storage);
        String key = storage.store(new ByteArrayInputStream(SampleFiles.image("jpeg", 800, 600)), 1 << 20).key();

        Resource first = thumbnails.of(key, "image/jpeg").orElseThrow();
        assertThat(decode(first).getWidth()).isEqualTo(320);
        Path kept = first.getFile().toPath();
        assertThat(kept).startsWith(dir.resolve("variants")).hasFileName(key);
        // not made again: a changed kept file is what is served
        Files.write(kept, SampleFiles.image("png", 7, 7));
        assertThat(decode(thumbnails.of(key, "image/jpeg").orElseThrow()).getWidth()).isEqualTo(7);

        storage.delete(key);
        assertThat(kept).doesNotExist();
    }

    @Test
    void onlyJpegPngAndGifHavePreviews() throws IOException {
        LocalFileStorage storage = new LocalFileStorage(dir);
        Thumbnails thumbnails = new Thumbnails(storage);
        // the stored type decides, not what the bytes would allow
        String key = storage.store(new ByteArrayInputStream(SampleFiles.image("png", 50, 50)), 1 << 20).key();
        assertThat(thumbnails.of(key, "image/webp")).isEmpty();
        assertThat(thumbnails.of(key, "application/pdf")).isEmpty();
        assertThat(storage.openVariant(key, Thumbnails.VARIANT)).isEmpty();
    }

    /** A PNG signature and header chunk declaring the given size, then an image data chunk far too short. */
    private static byte[] pngClaiming(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", new byte[]{0x78, (byte) 0x9c, 0x63, 0, 0, 0, 1, 0, 1});
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
