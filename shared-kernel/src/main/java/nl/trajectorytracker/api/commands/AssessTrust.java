package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrustScore;

/** Playbook step (any phase): assess trust. */
public record AssessTrust(
        TrajectoryId trajectoryId,
        String counterpart,
        TrustScore personTrust,
        TrustScore organisationTrust,
        String note,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AssessTrust {
        Require.present("trajectoryId", trajectoryId);
        counterpart = Require.text("counterpart", counterpart, 200);
        Require.present("personTrust", personTrust);
        Require.present("organisationTrust", organisationTrust);
        note = Require.optionalText("note", note, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AssessTrust(TrajectoryId trajectoryId,
            String counterpart,
            TrustScore personTrust,
            TrustScore organisationTrust,
            String note,
            Actor actor,
            Instant at) {
        this(trajectoryId, counterpart, personTrust, organisationTrust, note, actor, at, null);
    }
}
