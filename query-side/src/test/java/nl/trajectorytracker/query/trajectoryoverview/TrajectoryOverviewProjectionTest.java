package nl.trajectorytracker.query.trajectoryoverview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/** The overview follows phase, status, outcome and last activity, and ignores events it has seen already. */
class TrajectoryOverviewProjectionTest {

    private static final TrajectoryId ID = new TrajectoryId("7f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e");
    private static final Actor ANNA = new Actor("anna@insurer.example", "Zilveren Kruis");
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-04-01T09:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final TrajectoryOverviewProjection projection = new TrajectoryOverviewProjection(mongo.template());

    @Test
    void theOverview_followsPhaseStatusAndActivity() {
        projection.on(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)),
                ANNA, START), 0);
        projection.on(new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, ANNA,
                LATER), 1);
        projection.on(new NoteAdded(ID, "A note", Phase.CO_DESIGN, ANNA, LATER.plusSeconds(60)), 2);
        projection.on(new TrajectoryConcluded(ID, Outcome.ABANDONED, "Stopped", Phase.CO_DESIGN, ANNA,
                LATER.plusSeconds(120)), 3);

        TrajectorySummary summary = summary();
        assertThat(summary.phase()).isEqualTo("CO_DESIGN");
        assertThat(summary.status()).isEqualTo("CONCLUDED");
        assertThat(summary.lastActivityAt()).isEqualTo(LATER.plusSeconds(120));
        assertThat(summary.version()).isEqualTo(3);
        assertThat(summary.outcome()).isEqualTo("ABANDONED");
        assertThat(summary.conclusion()).isEqualTo("Stopped");
    }

    @Test
    void theOutcome_staysWithLaterNotes_andIsAbsentBeforeTheConclusion() {
        projection.on(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)),
                ANNA, START), 0);
        assertThat(summary().outcome()).isNull();
        projection.on(new TrajectoryConcluded(ID, Outcome.FALLBACK_TO_BATNA, "No agreement on risk",
                Phase.INTERNAL_PREPARATION, ANNA, LATER), 1);
        projection.on(new NoteAdded(ID, "Lesson, years later", Phase.INTERNAL_PREPARATION, ANNA,
                LATER.plusSeconds(600)), 2);

        assertThat(summary().outcome()).isEqualTo("FALLBACK_TO_BATNA");
        assertThat(summary().conclusion()).isEqualTo("No agreement on risk");
        assertThat(summary().version()).isEqualTo(2);
    }

    @Test
    void anEventSeenBefore_changesNothing() {
        projection.on(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)),
                ANNA, START), 0);
        projection.on(new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, ANNA,
                LATER), 1);
        projection.on(new NoteAdded(ID, "Replayed", Phase.INTERNAL_PREPARATION, ANNA, START), 1);

        assertThat(summary().lastActivityAt()).isEqualTo(LATER);
        assertThat(summary().version()).isEqualTo(1);
    }

    private TrajectorySummary summary() {
        return mongo.template().findById(ID.value(), TrajectorySummary.class, TrajectoryOverviewProjection.COLLECTION);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }
}
