package io.eventchat.gateway.attachment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * PNG previews of JPEG, PNG and GIF attachments (the first frame of an animation) that fit in {@value #SIZE} x
 * {@value #SIZE} pixels, made with the JDK's ImageIO on first request and kept in storage as a variant of the
 * original, so each is made once. WebP (no JDK reader), PDF and Word documents have none.
 * <p>
 * An upload's bytes are anybody's, so decoding is bounded: the dimensions are read from the header first and an
 * image over {@value #MAX_PIXELS} pixels is not decoded at all (a few kilobytes of PNG can claim gigapixels); the
 * rest is decoded subsampled, so the decoded image is at most twice the preview's width and height whatever the
 * original's; at most {@value #AT_ONCE} are made at a time. A file the decoder cannot read has no preview, never an
 * error.
 */
public class Thumbnails {

    public static final int SIZE = 320;
    static final long MAX_PIXELS = 50_000_000L;
    static final int AT_ONCE = 2;
    static final String VARIANT = "thumb" + SIZE;
    static final Set<String> TYPES = Set.of("image/jpeg", "image/png", "image/gif");

    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);

    private final AttachmentStorage storage;
    private final Semaphore making = new Semaphore(AT_ONCE);

    public Thumbnails(AttachmentStorage storage) {
        this.storage = storage;
    }

    /** The preview of the file stored under {@code key}, made now if it was not yet; empty when there is none. */
    public Optional<Resource> of(String key, String contentType) throws IOException {
        if (!TYPES.contains(contentType)) {
            return Optional.empty();
        }
        Optional<Resource> made = storage.openVariant(key, VARIANT);
        if (made.isPresent()) {
            return made;
        }
        making.acquireUninterruptibly();
        try {
            // another request may have made it while this one waited
            made = storage.openVariant(key, VARIANT);
            if (made.isPresent()) {
                return made;
            }
            Resource original = storage.open(key);
            Optional<byte[]> png;
            // straight from the file when there is one: ImageIO would otherwise copy the stream into a cache first
            try (ImageInputStream input = original.isFile() ? ImageIO.createImageInputStream(original.getFile())
                    : ImageIO.createImageInputStream(original.getInputStream())) {
                png = render(input, MAX_PIXELS);
            }
            if (png.isEmpty()) {
                return Optional.empty();
            }
            storage.storeVariant(key, VARIANT, png.get());
            return storage.openVariant(key, VARIANT);
        } finally {
            making.release();
        }
    }

    /**
     * The image in {@code input} scaled to fit the preview size, as PNG; empty when it cannot be read or has more
     * than {@code maxPixels}.
     */
    static Optional<byte[]> render(ImageInputStream input, long maxPixels) throws IOException {
        Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
        if (readers == null || !readers.hasNext()) {
            return Optional.empty();
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
                return Optional.empty();
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // every step-th pixel of every step-th row: at most 2 x SIZE along the longer side, still at least SIZE
            int step = Math.max(1, (Math.max(width, height) + 2 * SIZE - 1) / (2 * SIZE));
            param.setSourceSubsampling(step, step, 0, 0);
            return Optional.of(png(scaled(reader.read(0, param), width, height)));
        } catch (IIOException | RuntimeException e) {
            // ImageIO's decoders answer malformed input with either; the file simply has no preview
            log.debug("No preview: the image could not be decoded ({})", e.toString());
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    /** The (subsampled) image drawn at the preview size of the original, so rounding in subsampling does not count. */
    private static BufferedImage scaled(BufferedImage image, int originalWidth, int originalHeight) {
        double factor = Math.min(1.0, (double) SIZE / Math.max(originalWidth, originalHeight));
        int width = Math.max(1, (int) Math.round(originalWidth * factor));
        int height = Math.max(1, (int) Math.round(originalHeight * factor));
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage preview = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = preview.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return preview;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
