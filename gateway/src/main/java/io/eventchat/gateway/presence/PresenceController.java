package io.eventchat.gateway.presence;

import io.eventchat.api.user.FindPresence;
import io.eventchat.api.user.Presence;
import io.eventchat.gateway.web.Messaging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@Tag(name = "Presence")
class PresenceController {

    private final Messaging messaging;

    PresenceController(Messaging messaging) {
        this.messaging = messaging;
    }

    @GetMapping("/api/presence")
    @Operation(summary = "Online flags of up to 200 users: {userId: true|false}")
    Map<UUID, Boolean> presence(@RequestParam @Size(max = 200) List<UUID> userIds) {
        return messaging.query(new FindPresence(new LinkedHashSet<>(userIds)), ResponseTypes.instanceOf(Presence.class))
                .online();
    }
}
