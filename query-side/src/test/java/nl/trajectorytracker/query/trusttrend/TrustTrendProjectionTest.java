package nl.trajectorytracker.query.trusttrend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.events.TrustAssessed;
import nl.trajectorytracker.api.queries.FindTrustTrend;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrustScore;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;
import nl.trajectorytracker.query.trusttrend.TrustTrend.Counterpart;

/** Trust is followed per counterpart, in the person and in the organisation, over time. */
class TrustTrendProjectionTest {

    private static final TrajectoryId ID = new TrajectoryId("7f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e");
    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final TrustTrendProjection projection = new TrustTrendProjection(mongo.template());
    private final TrustTrendQueries queries = new TrustTrendQueries(mongo.template());

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void assessments_arePerCounterpart_withTheChangeSinceTheFirst() {
        projection.on(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)),
                ANNA, AT), 0);
        projection.on(trust("Hospital", 3, 1, Phase.CO_DESIGN, 1), 1);
        projection.on(trust("Municipality", 4, 4, Phase.CO_DESIGN, 2), 2);
        projection.on(trust("Hospital", 5, 4, Phase.RUNNING_AGREEMENT, 3), 3);
        projection.on(trust("Hospital", 1, 1, Phase.RUNNING_AGREEMENT, 3), 3);

        TrustTrend trend = queries.handle(new FindTrustTrend(ID, null)).orElseThrow();
        assertThat(trend.counterparts()).extracting(Counterpart::counterpart).containsExactly("Hospital",
                "Municipality");
        Counterpart hospital = trend.counterparts().get(0);
        assertThat(hospital.assessments()).extracting(TrustTrend.Assessment::personTrust).containsExactly(3, 5);
        assertThat(hospital.latestOrganisationTrust()).isEqualTo(4);
        assertThat(hospital.personChange()).isEqualTo(2);
        assertThat(hospital.organisationChange()).isEqualTo(3);
        assertThat(hospital.assessments().get(1).phase()).isEqualTo(Phase.RUNNING_AGREEMENT);
        assertThat(queries.handle(new FindTrustTrend(ID, "Menzis"))).isEmpty();
    }

    private static TrustAssessed trust(String counterpart, int person, int organisation, Phase phase, int day) {
        return new TrustAssessed(ID, counterpart, new TrustScore(person), new TrustScore(organisation), null, phase,
                ANNA, AT.plusSeconds(86_400L * day));
    }
}
