package io.eventchat.gateway.audit;

import io.eventchat.api.room.AuditPage;
import io.eventchat.api.room.FindRoomAudit;
import io.eventchat.api.room.FindRoomStateAt;
import io.eventchat.api.room.RoomState;
import io.eventchat.gateway.identity.CurrentUser;
import io.eventchat.gateway.web.InvalidInputException;
import io.eventchat.gateway.web.Messaging;
import io.eventchat.gateway.web.PageLimit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

@RestController
@RequestMapping("/api/rooms/{roomId}")
@Tag(name = "Audit")
class AuditController {

    private final Messaging messaging;

    AuditController(Messaging messaging) {
        this.messaging = messaging;
    }

    @GetMapping("/audit")
    @Operation(summary = "The room's stored events in order, straight from the event store",
            description = "{seq, type, at, actorId, data}; for participants and app MODERATOR/ADMIN. Events with seq "
                    + "greater than 'after'; limit defaults to 100, capped at 500; nextCursor continues.")
    AuditPage audit(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
                    @RequestParam(defaultValue = "0") @Min(0) long after,
                    @RequestParam(defaultValue = "100") @Min(1) long limit) {
        return messaging.query(new FindRoomAudit(roomId, caller.id(), caller.role(), after, PageLimit.of(limit)),
                ResponseTypes.instanceOf(AuditPage.class));
    }

    @GetMapping("/state")
    @Operation(summary = "The room as it was at an instant (asOf) or right after an event (atSeq)",
            description = "Rebuilt from the stored events: name, participants with roles, messages with the content "
                    + "they had then. 404 ROOM_NOT_FOUND before the room existed; 400 for a malformed instant.")
    RoomState state(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
                    @RequestParam(required = false) Instant asOf,
                    @RequestParam(required = false) @Min(1) Long atSeq) {
        if ((asOf == null) == (atSeq == null)) {
            throw new InvalidInputException("asOf", "or atSeq must be given (one of the two)");
        }
        return messaging.query(new FindRoomStateAt(roomId, caller.id(), caller.role(), asOf, atSeq),
                ResponseTypes.instanceOf(RoomState.class));
    }
}
