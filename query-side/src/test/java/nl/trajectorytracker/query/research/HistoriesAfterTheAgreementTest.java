package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ContractModel;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/**
 * A curious researcher took the day of the advance into the after-agreement phase, less the agreement's start day:
 * the contract's duration to the month, finer than its band. Contracts of 48 and 60 months, both released as 37-60,
 * split into groups of two. From that advance on, steps are released no earlier than the agreement's start plus the
 * band's upper end, which every record of the band shares.
 */
class HistoriesAfterTheAgreementTest {

    private static final Instant START = Instant.parse("2020-03-02T09:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ResearchKeys keys = new ResearchKeys(ResearchKeys.randomKey());
    private final ResearchSteps steps = new ResearchSteps(mongo.template());
    private final ResearchProjection projection = new ResearchProjection(mongo.template(), steps, keys);

    @AfterEach
    void stopMongo() {
        mongo.close();
    }

    private void contract(int index, int months) {
        TrajectoryId id = TrajectoryId.random();
        Actor actor = new Actor("person-" + index + "@example.org", "Insurer " + index);
        projection.on(new TrajectoryStarted(id, "T" + index, List.of(new Party("Insurer " + index, PartyType.INSURER),
                new Party("Provider " + index, PartyType.CARE_PROVIDER)), actor, START), 0);
        Instant signed = START.plus(Duration.ofDays(100));
        LocalDate begins = LocalDate.of(2020, 7, 1);
        LocalDate ends = begins.plusMonths(months).minusDays(1);
        projection.on(new AgreementSigned(id, new Terms(ContractModel.BUNDLED_PAYMENT, months, null, null, null),
                List.of(), begins, ends, false, actor, signed), 1);
        projection.on(new PhaseAdvanced(id, Phase.NEGOTIATION, Phase.RUNNING_AGREEMENT, List.of(), null, actor,
                signed.plus(Duration.ofDays(1))), 2);
        projection.on(new PhaseAdvanced(id, Phase.RUNNING_AGREEMENT, Phase.AFTER_AGREEMENT, List.of(), null, actor,
                ends.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant()), 3);
    }

    @Test
    void contractsOfOneBand_leaveTheirAgreementOnTheSameReleasedDay() {
        for (int i = 0; i < 4; i++) {
            contract(i, i < 2 ? 48 : 60);
        }
        String secret = Base64.getEncoder().encodeToString(ResearchKeys.randomKey());
        Study study = new Study("s", "Study", "Purpose", 2, List.of(), List.of(),
                keys.seal(Study.boundContext("s", 2, List.of(), List.of()), secret), START, "admin");
        List<ResearchTrajectory> all = new ResearchPopulation(mongo.template()).snapshot().trajectories();

        ResearchResult release = new Histories(study, keys, ReleaseMemory.inMemory(), LocalDate.parse("2030-01-01"))
                .all(all, ResearchFilter.of(null, null, null), steps);

        assertThat(release.rows()).hasSize(4);
        List<Object> leaving = release.rows().stream().map(HistoriesAfterTheAgreementTest::dayOfLeaving).toList();
        assertThat(leaving).as("one day for 48 and 60 months alike").containsOnly(leaving.get(0));
        long agreementStart = LocalDate.of(2020, 3, 2).until(LocalDate.of(2020, 7, 1), ChronoUnit.DAYS);
        assertThat((Long) leaving.get(0)).isGreaterThanOrEqualTo(agreementStart + 60 * 30);
        // the steps before the agreement's end keep their days
        assertThat(release.rows()).allSatisfy(row -> assertThat(days(row)).startsWith(0L, 100L, 101L));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> days(Map<String, Object> row) {
        return ((List<Map<String, Object>>) row.get("steps")).stream().map(step -> step.get("day")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Object dayOfLeaving(Map<String, Object> row) {
        return ((List<Map<String, Object>>) row.get("steps")).stream()
                .filter(step -> "PhaseAdvanced".equals(step.get("type"))
                        && "AFTER_AGREEMENT".equals(((Map<String, Object>) step.get("fields")).get("to")))
                .map(step -> step.get("day")).findFirst().orElseThrow();
    }
}
