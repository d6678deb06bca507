package io.eventchat.gateway.health;

import io.eventchat.api.admin.FindProjections;
import io.eventchat.api.admin.ProjectionList;
import io.eventchat.api.admin.ProjectionStatus;
import io.eventchat.gateway.web.Messaging;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The projections: {@code DEGRADED} while any of them has parked events (it goes on with every other room) or has a
 * segment failing and retrying, {@code UP} otherwise. The chat answers either way, so the overall status stays with
 * the database. Details (admins only): each projection's status, lag and dead letters.
 */
@Component("projections")
class ProjectionsHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "A projection has parked events or a failing segment");

    private final Messaging messaging;

    ProjectionsHealth(Messaging messaging) {
        this.messaging = messaging;
    }

    @Override
    public Health health() {
        ProjectionList projections = messaging.query(new FindProjections(), ResponseTypes.instanceOf(ProjectionList.class));
        boolean healthy = projections.items().stream().allMatch(p -> ProjectionStatus.RUNNING.equals(p.status()));
        Health.Builder health = healthy ? Health.up() : Health.status(DEGRADED);
        for (ProjectionStatus projection : projections.items()) {
            health.withDetail(projection.name(), projection.status() + ", lag " + projection.lag() + ", dead letters "
                    + projection.deadLetters());
        }
        return health.build();
    }
}
