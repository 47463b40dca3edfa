package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrustScore;

/** Playbook step (any phase): Trust assessed. Carries the phase the trajectory was in. */
@Revision("1")
public record TrustAssessed(
        TrajectoryId trajectoryId,
        String counterpart,
        TrustScore personTrust,
        TrustScore organisationTrust,
        String note,
        Phase phase,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
