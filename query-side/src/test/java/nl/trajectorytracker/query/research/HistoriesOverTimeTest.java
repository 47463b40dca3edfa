package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/**
 * A researcher who exports the histories every day: a step that appeared the day after it was taken, with its day
 * since the start, gave the start date that the release hides (as year and quarter). Four trajectories started in
 * 2026, two on 1 February and two on 20 November, each with a phase entered on day 10 and another on day 400.
 */
class HistoriesOverTimeTest {

    private static final Instant FEBRUARY = Instant.parse("2026-02-01T09:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-20T14:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ResearchKeys keys = new ResearchKeys(ResearchKeys.randomKey());
    private final ResearchSteps steps = new ResearchSteps(mongo.template());
    private final ResearchProjection projection = new ResearchProjection(mongo.template(), steps, keys);
    private final ReleaseMemory memory = ReleaseMemory.inMemory();
    private Study study;

    @BeforeEach
    void fourTrajectories() {
        for (int i = 0; i < 4; i++) {
            TrajectoryId id = TrajectoryId.random();
            Instant start = i < 2 ? FEBRUARY : NOVEMBER;
            Actor actor = new Actor("person-" + i + "@example.org", "Insurer " + i);
            projection.on(new TrajectoryStarted(id, "T" + i, List.of(new Party("Insurer " + i, PartyType.INSURER),
                    new Party("Provider " + i, PartyType.CARE_PROVIDER)), actor, start), 0);
            projection.on(new PhaseAdvanced(id, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, actor,
                    start.plus(Duration.ofDays(10))), 1);
            projection.on(new PhaseAdvanced(id, Phase.CO_DESIGN, Phase.NEGOTIATION, List.of(), null, actor,
                    start.plus(Duration.ofDays(400))), 2);
        }
        String secret = Base64.getEncoder().encodeToString(ResearchKeys.randomKey());
        study = new Study("s", "Study", "Purpose", 2, List.of(), List.of(),
                keys.seal(Study.boundContext("s", 2, List.of(), List.of()), secret), FEBRUARY, "admin");
    }

    @AfterEach
    void stopMongo() {
        mongo.close();
    }

    @Test
    void whileItsStartYearLasts_aTrajectoryIsNotReleased() {
        ResearchResult december = release("2026-12-31");

        assertThat(december.rows()).isEmpty();
        assertThat(december.suppressed()).extracting(ResearchResult.Suppression::reason)
                .anyMatch(reason -> reason.contains("fewer than k=2 trajectories"));
    }

    /**
     * Whatever day of the year a trajectory started, its step of day d appears on the same day: d days after the
     * year's end. Watching it appear tells the start's year, which the release says anyway.
     */
    @Test
    void aStepOfDayD_appearsDDaysAfterTheEndOfItsStartsYear_whateverTheStartDate() {
        assertThat(daysReleased(release("2027-01-01"))).containsOnly(List.of(0L));
        assertThat(daysReleased(release("2027-01-10"))).containsOnly(List.of(0L));
        assertThat(daysReleased(release("2027-01-11"))).containsOnly(List.of(0L, 10L));
        assertThat(daysReleased(release("2028-02-04"))).containsOnly(List.of(0L, 10L));
        assertThat(daysReleased(release("2028-02-05"))).containsOnly(List.of(0L, 10L, 400L));
    }

    private ResearchResult release(String day) {
        List<ResearchTrajectory> all = new ResearchPopulation(mongo.template()).snapshot().trajectories();
        return new Histories(study, keys, memory, LocalDate.parse(day)).all(all, ResearchFilter.of(null, null, null),
                steps);
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> daysReleased(ResearchResult release) {
        assertThat(release.rows()).hasSize(4);
        return release.rows().stream().map(row -> ((List<Map<String, Object>>) row.get("steps")).stream()
                .map(step -> step.get("day")).toList()).toList();
    }
}
