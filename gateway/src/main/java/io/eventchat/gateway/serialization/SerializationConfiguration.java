package io.eventchat.gateway.serialization;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Axon's tokens are polymorphic: a {@code ReplayToken} (written whenever a processor is reset or first catches
 * up) names the class of the token it wraps. Jackson 3 refuses to read such type ids unless a validator allows
 * them, and a processor that cannot read its token stops. Only Axon's own types and this product's are allowed;
 * the JSON read here comes from our database, never from a client.
 */
@Configuration(proxyBeanMethods = false)
class SerializationConfiguration {

    @Bean
    Jackson3SerializerCustomizer axonTypeValidator() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("io.eventchat.")
                .build());
    }
}
