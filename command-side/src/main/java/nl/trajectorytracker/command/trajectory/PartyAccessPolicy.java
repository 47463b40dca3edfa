package nl.trajectorytracker.command.trajectory;

import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Negotiators may only change the trajectories of their own organisation. An actor bound to an organisation that
 * is not a party learns nothing about the trajectory: it is reported as not found. Actors bound to no
 * organisation (system, administrators) are not restricted here.
 */
final class PartyAccessPolicy {

    private PartyAccessPolicy() {
    }

    static boolean isParty(String organisation, List<Party> parties) {
        return parties.stream().anyMatch(party -> party.organisationName().equals(organisation));
    }

    static void requireAccess(Actor actor, TrajectoryId trajectoryId, List<Party> parties) {
        if (actor.organisation() != null && !isParty(actor.organisation(), parties)) {
            throw new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + trajectoryId);
        }
    }

    /** Starting a trajectory for other organisations only is refused outright. */
    static void requireStarterIsParty(Actor actor, List<Party> parties) {
        if (actor.organisation() != null && !isParty(actor.organisation(), parties)) {
            throw new DomainException(ErrorCode.NOT_A_PARTY,
                    actor.organisation() + " is not one of the parties, so it cannot start this trajectory");
        }
    }
}
