package io.eventchat.gateway.health;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/health} (and its groups, {@code /liveness} and {@code /readiness}) on the main port too, while the
 * actuator itself listens on the management port: load balancers, {@code run.sh}, the benchmarks and the web
 * client's CI ask the port they talk to. The answer is the health endpoint's own (same groups, components and HTTP
 * status); metrics and info stay on the management port.
 */
@RestController
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class ServerPortHealth {

    private final HealthEndpointWebExtension health;

    ServerPortHealth(HealthEndpointWebExtension health) {
        this.health = health;
    }

    @GetMapping({"/actuator/health", "/actuator/health/{*path}"})
    ResponseEntity<HealthDescriptor> health(@PathVariable(required = false) String path) {
        String[] segments = path == null ? new String[0] : StringUtils.tokenizeToStringArray(path, "/");
        WebEndpointResponse<HealthDescriptor> answer = health.health(ApiVersion.LATEST, WebServerNamespace.SERVER,
                SecurityContext.NONE, false, segments);
        return ResponseEntity.status(answer.getStatus()).body(answer.getBody());
    }
}
