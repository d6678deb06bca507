package io.eventchat.command.access;

import io.eventchat.api.NodeIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.util.UUID;

@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

    /** Host, process and a random part: two instances never share it, also when they run in one JVM. */
    @Bean
    NodeIdentity nodeIdentity() {
        return new NodeIdentity(ManagementFactory.getRuntimeMXBean().getName() + "#"
                + UUID.randomUUID().toString().substring(0, 8));
    }
}
