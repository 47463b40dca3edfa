package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Process agreement made.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record ProcessAgreementMade(
        TrajectoryId trajectoryId,
        List<String> rulesOfConduct,
        List<String> escalationLevels,
        List<Milestone> goNoGoMoments,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public ProcessAgreementMade {
        rulesOfConduct = rulesOfConduct == null ? List.of() : List.copyOf(rulesOfConduct);
        escalationLevels = escalationLevels == null ? List.of() : List.copyOf(escalationLevels);
        goNoGoMoments = goNoGoMoments == null ? List.of() : List.copyOf(goNoGoMoments);
    }
}
