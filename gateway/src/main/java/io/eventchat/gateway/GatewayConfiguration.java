package io.eventchat.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.Duration;

/** Shared edge infrastructure. Ids and instants are minted here, at the edge, and travel in with each command. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GatewayConfiguration {

    /** UTC, ticking in whole milliseconds: the precision of the API's instants and of the stored events. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
