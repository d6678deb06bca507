package io.eventchat.gateway.attachment;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a file's type from its bytes alone, with Apache Tika's detectors (magic numbers, and the OLE2 and OOXML
 * container detectors that tell a Word document from a spreadsheet or a renamed archive). The name and the declared
 * type are never consulted: a file is what its bytes say.
 */
public class FileTypes {

    /** What may be uploaded: images, PDF and Word documents. */
    public static final Set<String> ALLOWED = Set.of(
            "image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    /** The allowed type these bytes are, or empty when they are anything else. */
    public Optional<String> allowedType(InputStream content) throws IOException {
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            MediaType type = detector.detect(stream, new Metadata());
            String name = type.getBaseType().toString();
            return ALLOWED.contains(name) ? Optional.of(name) : Optional.empty();
        }
    }
}
