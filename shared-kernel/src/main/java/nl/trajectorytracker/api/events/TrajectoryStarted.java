package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * A contracting trajectory was opened between the given parties, following the given playbook version, and
 * possibly as the follow-up of a predecessor trajectory. Events written before the playbook was versioned have no
 * {@code playbookVersion}; they followed the first one.
 */
@Revision("1")
public record TrajectoryStarted(
        TrajectoryId trajectoryId,
        String title,
        List<Party> parties,
        String playbookVersion,
        TrajectoryId predecessorId,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    /** The playbook version of trajectories started before versions were recorded. */
    public static final String FIRST_PLAYBOOK_VERSION = "2025.1";

    public TrajectoryStarted {
        parties = List.copyOf(parties);
        playbookVersion = playbookVersion == null ? FIRST_PLAYBOOK_VERSION : playbookVersion;
    }

    /** A trajectory without predecessor, following the first playbook version. */
    public TrajectoryStarted(TrajectoryId trajectoryId, String title, List<Party> parties, Actor actor,
            Instant occurredAt) {
        this(trajectoryId, title, parties, FIRST_PLAYBOOK_VERSION, null, actor, occurredAt);
    }
}
