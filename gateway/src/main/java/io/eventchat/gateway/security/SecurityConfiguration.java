package io.eventchat.gateway.security;

import io.eventchat.gateway.ratelimit.RateLimitProperties;
import io.eventchat.gateway.ratelimit.RateLimiter;
import io.eventchat.gateway.ratelimit.WriteRateLimitFilter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Stateless bearer-token security: register, login, refresh, health and the API docs are public; everything else
 * under {@code /api} needs a valid access token of an active account, and {@code /api/admin} the ADMIN role (the
 * account's current role, not the token's). Each user's writes are rate limited right after authentication.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({JwtProperties.class, PasswordHashing.Settings.class, RateLimitProperties.class})
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, AccessTokens tokens, AccountStatuses accounts, JsonMapper json,
                            RateLimiter limiter, RateLimitProperties limits,
                            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors,
                            @Value("${chat.allowed-origins}") List<String> allowedOrigins) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        AccessTokenFilter authentication = new AccessTokenFilter(tokens, accounts, errors);
        return http
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(corsConfiguration(allowedOrigins)))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new MalformedOriginFilter(problems), CorsFilter.class)
                .addFilterBefore(authentication, AnonymousAuthenticationFilter.class)
                .addFilterAfter(new WriteRateLimitFilter(limiter, limits, errors), AccessTokenFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error").permitAll()
                        // the WebSocket handshake; the STOMP CONNECT frame carries and is checked for the token
                        .requestMatchers("/ws", "/ws/**").permitAll()
                        .requestMatchers("/api/admin/**", "/actuator/prometheus").hasRole("ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .build();
    }

    /** The web client runs on its own origin (CHAT_ALLOWED_ORIGINS); bearer tokens, so no cookies are allowed. */
    private static CorsConfigurationSource corsConfiguration(List<String> allowedOrigins) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(allowedOrigins);
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Correlation-Id"));
        configuration.setExposedHeaders(List.of("Retry-After", "Location", "X-Correlation-Id"));
        configuration.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }

    /**
     * No observation around each of the security filters, authentication and authorization: with Micrometer present
     * Spring Security wraps every filter of every request in one (the requests themselves are still timed).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** No user is ever looked up by Spring Security itself; this keeps it from generating a default password. */
    @Bean
    UserDetailsService noUserDetails() {
        return new InMemoryUserDetailsManager();
    }
}
