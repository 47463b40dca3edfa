package nl.trajectorytracker.command.trajectory;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.InvalidValueException;

/**
 * A proposal is answered by the party it was made to: a negotiator accepts or rejects on behalf of their own
 * organisation only, and a party never answers its own proposal. Actors bound to no organisation (the system) may
 * record the answer of any party.
 */
final class ProposalPolicy {

    private ProposalPolicy() {
    }

    static void requireAnsweredByOwnParty(Actor actor, String by) {
        if (actor.organisation() != null && !actor.organisation().equals(by)) {
            throw new InvalidValueException("by", "must be your own organisation, " + actor.organisation()
                    + ": a proposal is answered by the party itself");
        }
    }

    static void requireNotTheProposer(String proposer, String by, String answer) {
        if (proposer.equals(by)) {
            throw new InvalidValueException("by", "a party cannot " + answer + " its own proposal");
        }
    }
}
