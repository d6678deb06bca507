package io.eventchat.gateway.security;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.gateway.identity.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.List;

/**
 * Authenticates a request that carries {@code Authorization: Bearer <token>}, as the account is now: a deactivated
 * account is refused and the role is the account's current one, whatever the token says. A bad token does not fail
 * the request here: it stays anonymous, and if the endpoint needs a user the entry point answers 401 (403 for a
 * deactivated account) with the reason.
 */
class AccessTokenFilter extends OncePerRequestFilter {

    static final String FAILURE_ATTRIBUTE = AccessTokenFilter.class.getName() + ".failure";
    private static final String BEARER = "Bearer ";
    private static final Logger log = LoggerFactory.getLogger(AccessTokenFilter.class);

    private final AccessTokens tokens;
    private final AccountStatuses accounts;
    private final HandlerExceptionResolver errors;

    AccessTokenFilter(AccessTokens tokens, AccountStatuses accounts, HandlerExceptionResolver errors) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            try {
                CurrentUser user = accounts.confirm(tokens.verify(header.substring(BEARER.length()).trim()));
                var authentication = new UsernamePasswordAuthenticationToken(user, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            } catch (InvalidTokenException e) {
                request.setAttribute(FAILURE_ATTRIBUTE, e);
            } catch (RuntimeException e) {
                // the account cannot be checked (its registry is unreachable): refuse rather than trust the token
                log.warn("Cannot check the caller's account: {}", e.toString());
                errors.resolveException(request, response, null,
                        new ChatException(ErrorCode.BUSY, "The server cannot check your account right now; try again."));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
