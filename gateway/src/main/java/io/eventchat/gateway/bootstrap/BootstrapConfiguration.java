package io.eventchat.gateway.bootstrap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BootstrapProperties.class)
class BootstrapConfiguration {

    @Bean
    static DatabaseCreator databaseCreator(Environment environment) {
        return new DatabaseCreator(environment);
    }
}
