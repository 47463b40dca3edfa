package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 3, negotiation): Agreement signed.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record AgreementSigned(
        TrajectoryId trajectoryId,
        Terms terms,
        List<Signatory> signatories,
        LocalDate startDate,
        LocalDate endDate,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public AgreementSigned {
        signatories = signatories == null ? List.of() : List.copyOf(signatories);
    }
}
