package nl.trajectorytracker.query.trajectoryoverview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/** The overview is searched by phase, status, party type, organisation and title text, paged and sorted. */
class TrajectoryOverviewSearchTest {

    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final Party ZK = new Party("Zilveren Kruis", PartyType.INSURER);

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final TrajectoryOverviewProjection projection = new TrajectoryOverviewProjection(mongo.template());
    private final TrajectoryOverviewQueries queries = new TrajectoryOverviewQueries(mongo.template());

    @BeforeEach
    void feed() {
        start("1f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e", "Hips: Five Years", 1,
                new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER));
        start("2f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e", "Care close to home", 2,
                new Party("Gemeente Amstelveen", PartyType.MUNICIPALITY));
        start("3f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e", "Knees (a.k.a. five+ years)", 3,
                new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER));
        projection.on(new PhaseAdvanced(new TrajectoryId("2f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e"),
                Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, ANNA, AT.plusSeconds(600)), 1);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void start(String id, String title, int minutes, Party other) {
        projection.on(new TrajectoryStarted(new TrajectoryId(id), title, List.of(ZK, other), ANNA,
                AT.plusSeconds(60L * minutes)), 0);
    }

    @Test
    void theTitle_isSearchedInAnyCase_andLiterally() {
        assertThat(titles(search(null, null, null, null, "five", null))).containsExactly(
                "Knees (a.k.a. five+ years)", "Hips: Five Years");
        assertThat(titles(search(null, null, null, null, "five+", null))).containsExactly(
                "Knees (a.k.a. five+ years)");
    }

    @Test
    void filters_combine() {
        assertThat(titles(search(Phase.CO_DESIGN, null, null, null, null, null)))
                .containsExactly("Care close to home");
        assertThat(titles(search(null, "ACTIVE", PartyType.CARE_PROVIDER, null, null, null))).hasSize(2);
        assertThat(titles(search(null, null, null, "Gemeente Amstelveen", null, null)))
                .containsExactly("Care close to home");
        assertThat(titles(search(null, "CONCLUDED", null, null, null, null))).isEmpty();
    }

    @Test
    void pages_areSortedByAWhitelistedField() {
        TrajectoryPage page = queries.handle(new FindTrajectories(1, 2, null, null, null, null, null, null,
                "title,asc"));
        assertThat(page.total()).isEqualTo(3);
        assertThat(titles(page)).containsExactly("Knees (a.k.a. five+ years)");
        assertThat(titles(search(null, null, null, null, null, null))).first().isEqualTo("Care close to home");
        assertThatThrownBy(() -> new FindTrajectories(0, 20, null, null, null, null, null, null, "parties"))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theReadersScope_stillLimitsTheSearch() {
        assertThat(queries.handle(new FindTrajectories(0, 20, "Menzis")).total()).isZero();
        assertThat(queries.handle(new FindTrajectories(0, 20, "Zilveren Kruis")).total()).isEqualTo(3);
    }

    private TrajectoryPage search(Phase phase, String status, PartyType type, String party, String text,
            String sort) {
        return queries.handle(new FindTrajectories(0, 20, null, phase, status, type, party, text, sort));
    }

    private static List<String> titles(TrajectoryPage page) {
        return page.items().stream().map(TrajectorySummary::title).toList();
    }
}
