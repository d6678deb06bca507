package io.eventchat.gateway.attachment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AttachmentProperties.class)
class AttachmentConfiguration {

    /** The default storage: the local directory {@code CHAT_ATTACHMENTS_DIR}, created now if missing. */
    @Bean
    AttachmentStorage attachmentStorage(AttachmentProperties properties) {
        return new LocalFileStorage(properties.dir());
    }

    @Bean
    Thumbnails thumbnails(AttachmentStorage storage) {
        return new Thumbnails(storage);
    }

    @Bean
    FileTypes fileTypes() {
        return new FileTypes();
    }
}
