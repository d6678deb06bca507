package io.eventchat.gateway.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "EventChat API", version = "v1",
                description = "Event-sourced chat. Errors are RFC 9457 problem details with a stable 'code'. "
                        + "Every authenticated endpoint answers 401 for a missing, invalid or expired access token and "
                        + "403 ACCOUNT_DEACTIVATED for a token of a deactivated account; the role that counts is the "
                        + "account's current one, not the one in the token."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
