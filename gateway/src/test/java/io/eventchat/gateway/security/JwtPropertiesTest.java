package io.eventchat.gateway.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    private static JwtProperties with(Duration accessTokenTtl, Duration refreshTokenTtl, Duration clockSkew) {
        return new JwtProperties("secret", "eventchat", "eventchat-api", accessTokenTtl, refreshTokenTtl, clockSkew, Duration.ofSeconds(10));
    }

    @Test
    void theDefaultsBindAndAreWithinTheBounds() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            JwtProperties properties = started.getBean(JwtProperties.class);
            assertThat(properties.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(properties.clockSkew()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.refreshReuseGrace()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
        });
    }

    @Test
    void anAccessTokenLifetimeAboveFifteenMinutesStopsTheStartUp() {
        context.withPropertyValues("chat.jwt.access-token-ttl=16m").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("chat.jwt.access-token-ttl").hasMessageContaining("at most PT15M");
        });
    }

    @Test
    void aClockSkewAboveSixtySecondsStopsTheStartUp() {
        context.withPropertyValues("chat.jwt.clock-skew=61s").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("chat.jwt.clock-skew").hasMessageContaining("at most PT1M");
        });
    }

    @Test
    void theBoundsThemselvesAreAllowed() {
        assertThat(with(Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofSeconds(60)).accessTokenTtl())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(with(Duration.ofSeconds(1), Duration.ofDays(90), Duration.ZERO).clockSkew()).isZero();
    }

    @Test
    void lifetimesMustBePositiveAndTheSkewNotNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ZERO, Duration.ofDays(1), Duration.ZERO))
                .withMessageContaining("access-token-ttl").withMessageContaining("more than zero");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with(Duration.ofMinutes(-5), Duration.ofDays(1), Duration.ZERO))
                .withMessageContaining("access-token-ttl");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO))
                .withMessageContaining("refresh-token-ttl");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with(Duration.ofMinutes(5), Duration.ofDays(1), Duration.ofSeconds(-1)))
                .withMessageContaining("clock-skew").withMessageContaining("zero or more");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with(null, Duration.ofDays(1), Duration.ZERO))
                .withMessageContaining("access-token-ttl").withMessageContaining("must be set");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(JwtProperties.class)
    static class Binding {
    }
}
