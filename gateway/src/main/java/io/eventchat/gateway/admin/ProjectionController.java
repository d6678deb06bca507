package io.eventchat.gateway.admin;

import io.eventchat.api.admin.FindProjections;
import io.eventchat.api.admin.ProjectionList;
import io.eventchat.api.admin.ProjectionStatus;
import io.eventchat.gateway.web.Messaging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.web.bind.annotation.GetMapping;
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
    @Operation(summary = "Every projection: status, position, head position, lag, replaying, progress (ADMIN)")
    List<ProjectionStatus> projections() {
        return messaging.query(new FindProjections(), ResponseTypes.instanceOf(ProjectionList.class)).items();
    }
}
