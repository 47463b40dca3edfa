package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Opens a new contracting trajectory between two or more parties. */
public record StartTrajectory(
        @TargetAggregateIdentifier TrajectoryId trajectoryId,
        String title,
        List<Party> parties,
        Actor actor,
        Instant at) {

    public StartTrajectory {
        Require.present("trajectoryId", trajectoryId);
        title = Require.text("title", title, 300);
        parties = Require.nonEmpty("parties", parties, 20);
        Require.present("actor", actor);
        Require.present("at", at);
    }
}
