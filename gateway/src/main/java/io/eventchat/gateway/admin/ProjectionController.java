package io.eventchat.gateway.admin;

import io.eventchat.api.admin.DeadLetterList;
import io.eventchat.api.admin.DeadLetterRetry;
import io.eventchat.api.admin.DeadLetterView;
import io.eventchat.api.admin.FindDeadLetters;
import io.eventchat.api.admin.FindProjections;
import io.eventchat.api.admin.ProjectionList;
import io.eventchat.api.admin.ProjectionStatus;
import io.eventchat.api.admin.RebuildProjection;
import io.eventchat.api.admin.RetryDeadLetters;
import io.eventchat.gateway.web.Messaging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Admin")
class ProjectionController {

    private final Messaging messaging;

    ProjectionController(Messaging messaging) {
        this.messaging = messaging;
    }

    @GetMapping("/api/admin/projections")
    @Operation(summary = "Every projection: status, position, head position, lag, replaying, progress, last rebuild (ADMIN)")
    List<ProjectionStatus> projections() {
        return messaging.query(new FindProjections(), ResponseTypes.instanceOf(ProjectionList.class)).items();
    }

    @PostMapping("/api/admin/projections/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild a projection from the event store (ADMIN)", description = """
            Answers 202 at once; the rebuild runs in the background into shadow tables while the API keeps answering \
            from the current ones, and swaps them in atomically once caught up. Progress shows in \
            GET /api/admin/projections (replaying, progress, lastRebuild). 404 PROJECTION_NOT_FOUND for an unknown \
            name, 409 REBUILD_RUNNING while a rebuild of it runs on any node.""")
    void rebuild(@PathVariable String name) {
        messaging.send(new RebuildProjection(name), null);
    }

    @GetMapping("/api/admin/dead-letters")
    @Operation(summary = "Events the projections could not handle, parked per room or user (ADMIN)")
    List<DeadLetterView> deadLetters() {
        return messaging.query(new FindDeadLetters(), ResponseTypes.instanceOf(DeadLetterList.class)).items();
    }

    @PostMapping("/api/admin/dead-letters/{processingGroup}/retry")
    @Operation(summary = "Hand a projection's parked events to it again, oldest first (ADMIN)", description = """
            Each parked sequence is retried from its oldest event; a sequence stops at an event that fails again. \
            Answers how many events were handled and how many are still parked. 404 PROJECTION_NOT_FOUND.""")
    DeadLetterRetry retry(@PathVariable String processingGroup) {
        return messaging.send(new RetryDeadLetters(processingGroup), null);
    }
}
