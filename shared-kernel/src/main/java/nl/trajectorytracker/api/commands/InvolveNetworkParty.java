package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.NetworkPartyKind;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): involve network party. */
public record InvolveNetworkParty(
        TrajectoryId trajectoryId,
        String name,
        NetworkPartyKind kind,
        String need,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public InvolveNetworkParty {
        Require.present("trajectoryId", trajectoryId);
        name = Require.text("name", name, 200);
        Require.present("kind", kind);
        need = Require.text("need", need, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public InvolveNetworkParty(TrajectoryId trajectoryId,
            String name,
            NetworkPartyKind kind,
            String need,
            Actor actor,
            Instant at) {
        this(trajectoryId, name, kind, need, actor, at, null);
    }
}
