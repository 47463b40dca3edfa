package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/** A histories release of more trajectories than one chunk: every record, every step, in order. */
class HistoriesInChunksTest {

    private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
    private static final int TRAJECTORIES = 450;

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ResearchKeys keys = new ResearchKeys(ResearchKeys.randomKey());
    private final ResearchSteps steps = new ResearchSteps(mongo.template());
    private final ResearchProjection projection = new ResearchProjection(mongo.template(), steps, keys);

    @AfterEach
    void stopMongo() {
        mongo.close();
    }

    @Test
    void aReleaseOfManyChunks_holdsEveryRecordOnce_withAllItsSteps_inOrder() {
        Map<String, Integer> stepsOf = new HashMap<>();
        Phase[] phases = Phase.values();
        for (int i = 0; i < TRAJECTORIES; i++) {
            TrajectoryId id = TrajectoryId.random();
            Actor actor = new Actor("person-" + i + "@example.org", "Insurer " + i);
            projection.on(new TrajectoryStarted(id, "T" + i, List.of(new Party("Insurer " + i, PartyType.INSURER),
                    new Party("Provider " + i, PartyType.CARE_PROVIDER)), actor, START), 0);
            int advances = i % 4;
            for (int step = 1; step <= advances; step++) {
                projection.on(new PhaseAdvanced(id, phases[step - 1], phases[step], List.of(), null, actor,
                        START.plus(Duration.ofDays(step))), step);
            }
            stepsOf.put(keys.key("trajectory", id.value()), advances + 1);
        }
        String secret = Base64.getEncoder().encodeToString(ResearchKeys.randomKey());
        Study study = new Study("s", "Study", "Purpose", 2, List.of(), List.of(),
                keys.seal(Study.boundContext("s", 2, List.of(), List.of()), secret), START, "admin");
        List<ResearchTrajectory> all = new ResearchPopulation(mongo.template()).snapshot().trajectories();
        Pseudonyms pseudonyms = new Pseudonyms(study.secret(keys));
        Map<String, Integer> expected = new HashMap<>();
        stepsOf.forEach((key, count) -> expected.put(pseudonyms.trajectory(key), count));

        ResearchResult release = new Histories(study, keys).all(all, ResearchFilter.of(null, null, null), steps);

        assertThat(release.rows()).hasSize(TRAJECTORIES);
        List<String> names = new ArrayList<>();
        for (Map<String, Object> row : release.rows()) {
            String name = (String) row.get("trajectory");
            names.add(name);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> released = (List<Map<String, Object>>) row.get("steps");
            assertThat(released).as(name).hasSize(expected.get(name));
            for (int step = 0; step < released.size(); step++) {
                assertThat(released.get(step).get("step")).isEqualTo(step + 1);
                assertThat(released.get(step).get("day")).isEqualTo((long) step);
            }
        }
        assertThat(names).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
    }
}
