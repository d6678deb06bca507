package io.eventchat.gateway.security;

import io.eventchat.gateway.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** Writes the security layer's 401 and 403 answers as problem details, like every other error of the API. */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String code = "UNAUTHENTICATED";
        String detail = "Log in and send the access token as 'Authorization: Bearer <token>'.";
        if (request.getAttribute(AccessTokenFilter.FAILURE_ATTRIBUTE) instanceof InvalidTokenException invalid) {
            if (invalid.forbidden()) {
                // logging in again would not help: the account itself is refused, as the login would answer
                write(response, HttpStatus.FORBIDDEN, invalid.code(), invalid.getMessage());
                return;
            }
            code = invalid.code();
            detail = invalid.getMessage();
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(response, HttpStatus.UNAUTHORIZED, code, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this.");
    }

    void write(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(status, code, detail));
    }
}
