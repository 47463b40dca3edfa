package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.playbook.Playbooks;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Opens a new contracting trajectory between two or more parties, following a version of the playbook (the
 * current one unless given) and optionally following up an earlier trajectory.
 */
public record StartTrajectory(
        TrajectoryId trajectoryId,
        String title,
        List<Party> parties,
        String playbookVersion,
        TrajectoryId predecessorId,
        Actor actor,
        Instant at) implements TrajectoryCommand {

    public StartTrajectory {
        Require.present("trajectoryId", trajectoryId);
        title = Require.text("title", title, 300);
        parties = Require.nonEmpty("parties", parties, 20);
        if (parties.stream().map(Party::organisationName).distinct().count() < parties.size()) {
            throw new InvalidValueException("parties", "must not name an organisation twice");
        }
        playbookVersion = Require.optionalText("playbookVersion", playbookVersion, 50);
        playbookVersion = playbookVersion == null ? Playbooks.CURRENT_VERSION : playbookVersion;
        Playbooks.requireKnown("playbookVersion", playbookVersion);
        if (trajectoryId.equals(predecessorId)) {
            throw new InvalidValueException("predecessorId",
                    "must differ from the trajectory itself");
        }
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** A trajectory without predecessor that follows the current playbook. */
    public StartTrajectory(TrajectoryId trajectoryId, String title, List<Party> parties, Actor actor, Instant at) {
        this(trajectoryId, title, parties, null, null, actor, at);
    }
}
