package io.eventchat.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Refuses a request whose {@code Origin} header is not an origin ({@code scheme://host[:port]}, or {@code null}) with
 * 403 {@code FORBIDDEN_ORIGIN}, as a foreign origin is: Spring's CORS and WebSocket origin checks parse the header
 * and failed with a 500 on values such as {@code http://localhost:3000.x}.
 */
class MalformedOriginFilter extends OncePerRequestFilter {

    static final String CODE = "FORBIDDEN_ORIGIN";

    private final ProblemResponses problems;

    MalformedOriginFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !isOrigin(origin)) {
            problems.write(response, HttpStatus.FORBIDDEN, CODE, "The Origin header is not a valid origin.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isOrigin(String origin) {
        if ("null".equals(origin)) {
            return true; // a sandboxed or opaque origin: well-formed, and allowed nowhere
        }
        try {
            URI uri = new URI(origin);
            return uri.getScheme() != null && uri.getHost() != null && !uri.getHost().isEmpty()
                    && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getPort() <= 65535
                    && origin.equals(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
