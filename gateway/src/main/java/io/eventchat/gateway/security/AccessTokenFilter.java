package io.eventchat.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Authenticates a request that carries {@code Authorization: Bearer <token>}. A bad token does not fail the
 * request here: it stays anonymous, and if the endpoint needs a user the entry point answers 401 with the reason.
 */
class AccessTokenFilter extends OncePerRequestFilter {

    static final String FAILURE_ATTRIBUTE = AccessTokenFilter.class.getName() + ".failure";
    private static final String BEARER = "Bearer ";

    private final AccessTokens tokens;

    AccessTokenFilter(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            try {
                CurrentUser user = tokens.verify(header.substring(BEARER.length()).trim());
                var authentication = new UsernamePasswordAuthenticationToken(user, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            } catch (InvalidTokenException e) {
                request.setAttribute(FAILURE_ATTRIBUTE, e);
            }
        }
        chain.doFilter(request, response);
    }
}
