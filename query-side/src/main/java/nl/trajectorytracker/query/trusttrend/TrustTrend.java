package nl.trajectorytracker.query.trusttrend;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Phase;

/**
 * The trust assessments of one trajectory, keyed by its id, per counterpart over time: trust in the person across
 * the table and in the organisation behind them, each on the five-point scale.
 */
@Document(TrustTrendProjection.COLLECTION)
public record TrustTrend(
        @Id String id,
        List<Party> parties,
        List<Counterpart> counterparts,
        long lastSequence) {

    public TrustTrend {
        parties = parties == null ? List.of() : List.copyOf(parties);
        counterparts = counterparts == null ? List.of() : List.copyOf(counterparts);
    }

    /**
     * The assessments of one counterpart, oldest first, with the latest scores and the change since the first
     * assessment ({@code personChange}, {@code organisationChange}: latest minus first).
     */
    public record Counterpart(
            String counterpart,
            List<Assessment> assessments,
            int latestPersonTrust,
            int latestOrganisationTrust,
            int personChange,
            int organisationChange) {

        public Counterpart {
            assessments = assessments == null ? List.of() : List.copyOf(assessments);
        }
    }

    /** One assessment: who assessed, when, in which phase, with an optional note. */
    public record Assessment(
            long sequence,
            int personTrust,
            int organisationTrust,
            Phase phase,
            String note,
            String assessedBy,
            String assessorOrganisation,
            Instant occurredAt) {
    }
}
