package io.eventchat.gateway.web;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.gateway.ratelimit.RateLimitedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every failure leaves as {@code application/problem+json} with a stable {@code code}. Bad input is a 400 with
 * field details, never a 500; an unexpected failure is a 500 whose body says nothing about the internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private static final Map<Integer, String> CODES_BY_STATUS = Map.of(
            400, "BAD_REQUEST", 401, "UNAUTHENTICATED", 403, "FORBIDDEN", 404, "NOT_FOUND",
            405, "METHOD_NOT_ALLOWED", 406, "NOT_ACCEPTABLE", 413, "PAYLOAD_TOO_LARGE",
            415, "UNSUPPORTED_MEDIA_TYPE", 503, "SERVICE_UNAVAILABLE");

    private final Counter rateLimited;

    private final long maxAttachmentBytes;

    ProblemHandler(MeterRegistry meters, @Value("${chat.attachments.max-size:10MB}") DataSize maxAttachment) {
        this.maxAttachmentBytes = maxAttachment.toBytes();
        this.rateLimited = Counter.builder("chat.rate_limit.rejections")
                .description("Requests answered 429 by a rate limit (writes, logins, registrations)").register(meters);
    }

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ProblemDetail> rejected(ChatException e) {
        HttpStatus status = Problems.status(e.code().kind());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.body(Problems.of(status, e.code().name(), e.getMessage()));
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        rateLimited.increment();
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", e.getMessage()));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(Problems.invalid("The request is not valid.", e.errors()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : switch (e.getRequiredType().getSimpleName()) {
            case "UUID" -> "a UUID";
            case "Long", "long", "Integer", "int" -> "a whole number";
            case "Instant" -> "an ISO-8601 instant";
            default -> "a valid value";
        };
        return ResponseEntity.badRequest().body(Problems.invalid("The request is not valid.",
                List.of(new FieldError(e.getName(), "must be " + expected))));
    }

    /** A multipart body that ends early or breaks its own format (a client that lied about its length). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "The multipart request body is incomplete or malformed."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseFailures.isUnavailable(e)) {
            log.warn("The database is unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.DATABASE_UNAVAILABLE.name(),
                            "The database cannot be reached right now; try again in a moment."));
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR", "Something went wrong on our side. It has been logged."));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status,
                                                                          WebRequest request) {
        // the multipart limits follow chat.attachments.max-size (application.yml): state the file's limit, whichever
        // limit Tomcat met (it does not always say)
        long max = maxAttachmentBytes;
        ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "ATTACHMENT_TOO_LARGE",
                "A file may be at most " + max + " bytes (" + (max >> 20) + " MiB).");
        problem.setProperty("maxBytes", max);
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.invalid("The request is not valid.",
                List.of(new FieldError(e.getRequestPartName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
                .collect(Collectors.toCollection(ArrayList::new));
        e.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
        return ResponseEntity.badRequest().body(Problems.invalid("The request is not valid.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(err -> errors.add(new FieldError(name, err.getDefaultMessage())));
        }
        return ResponseEntity.badRequest().body(Problems.invalid("The request is not valid.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.invalid("The request is not valid.",
                List.of(new FieldError(e.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                String field = databind.getPath().stream()
                        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[");
                return ResponseEntity.badRequest().body(Problems.invalid("The request is not valid.",
                        List.of(new FieldError(field, "has the wrong type or format"))));
            }
        }
        String detail = e.getCause() instanceof JacksonException
                ? "The request body is not valid JSON." : "The request body is missing or unreadable.";
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", detail));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        String code = CODES_BY_STATUS.getOrDefault(status.value(), status.is5xxServerError() ? "INTERNAL_ERROR"
                : "BAD_REQUEST");
        String detail = body instanceof ProblemDetail existing && existing.getDetail() != null
                ? existing.getDetail() : HttpStatus.valueOf(status.value()).getReasonPhrase();
        return ResponseEntity.status(status).headers(headers).body(Problems.of(status, code, detail));
    }
}
