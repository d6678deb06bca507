package io.eventchat.gateway.ratelimit;

import io.eventchat.gateway.identity.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/** Limits each authenticated user's write requests (POST, PUT, PATCH, DELETE under /api). */
public class WriteRateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final HandlerExceptionResolver errors;

    public WriteRateLimitFilter(RateLimiter limiter, RateLimitProperties properties, HandlerExceptionResolver errors) {
        this.limiter = limiter;
        this.properties = properties;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            Duration wait = limiter.tryConsumeLeased("write:" + user.id(), properties.writes());
            if (!wait.isZero()) {
                errors.resolveException(request, response, null, new RateLimitedException(wait));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
