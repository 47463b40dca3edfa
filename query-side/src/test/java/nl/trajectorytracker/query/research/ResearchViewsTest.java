package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.GoalAgreed;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.PitfallRecorded;
import nl.trajectorytracker.api.events.SuccessFactorRecorded;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.events.TrustAssessed;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ContractModel;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrustScore;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/**
 * The aggregates against values computed by hand on six trajectories, the k gate at k - 1 and k, and the
 * pseudonyms per study. Quartiles are type 7 (linear interpolation at position (n - 1) p).
 */
class ResearchViewsTest {

    private static final Instant START = Instant.parse("2024-02-10T09:00:00Z");
    private static final int[] PREPARATION_DAYS = {1, 2, 3, 4, 10, 20};
    private static final int[] PERSON_TRUST = {4, 4, 5, 4, 2, 3};
    private static final int[] ORGANISATION_TRUST = {2, 4, 4, 1, 2, 5};
    private static final int[] CONTRACT_MONTHS = {12, 60, 60, 36, 48, 12};

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ResearchSteps steps = new ResearchSteps(mongo.template());
    private final ResearchProjection projection = new ResearchProjection(mongo.template(), steps);
    private final Map<String, ResearchTrajectory> rows = new LinkedHashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final Map<String, List<TrajectoryEvent>> histories = new LinkedHashMap<>();

    /**
     * Six trajectories. All leave preparation after 1, 2, 3, 4, 10 and 20 days. Trajectories 1-4 spend 5 days in
     * co-design, then negotiate 7 days and are abandoned; trajectory 5 is abandoned after 5 days of co-design;
     * trajectory 6 is still in co-design.
     */
    @BeforeEach
    void sixTrajectories() {
        for (int i = 0; i < 6; i++) {
            TrajectoryId id = TrajectoryId.random();
            ids.add(id.value());
            Actor actor = new Actor("person-" + i + "@example.org", "Insurer " + i);
            List<TrajectoryEvent> events = new ArrayList<>();
            events.add(new TrajectoryStarted(id, "Title " + i, List.of(new Party("Insurer " + i, PartyType.INSURER),
                    new Party("Provider " + i, PartyType.CARE_PROVIDER)), actor, START));
            Instant coDesign = START.plus(Duration.ofDays(PREPARATION_DAYS[i]));
            events.add(new PhaseAdvanced(id, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, actor,
                    coDesign));
            if (i == 0) {
                events.add(new TrustAssessed(id, "x", new TrustScore(1), new TrustScore(1), null, Phase.CO_DESIGN,
                        actor, coDesign.plus(Duration.ofHours(1))));
            }
            events.add(new TrustAssessed(id, "x", new TrustScore(PERSON_TRUST[i]),
                    new TrustScore(ORGANISATION_TRUST[i]), "note", Phase.CO_DESIGN, actor,
                    coDesign.plus(Duration.ofDays(1))));
            ContractModel model = i < 5 ? ContractModel.BUNDLED_PAYMENT : ContractModel.FEE_FOR_SERVICE;
            events.add(new AgreementSigned(id, new Terms(model, CONTRACT_MONTHS[i], null, null, null), List.of(),
                    LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31), false, actor,
                    coDesign.plus(Duration.ofDays(2))));
            events.add(goal(id, QuadrupleAimDimension.QUALITY_OF_CARE, actor, coDesign));
            if (i == 0) {
                events.add(goal(id, QuadrupleAimDimension.QUALITY_OF_CARE, actor, coDesign));
            }
            if (i < 5) {
                events.add(goal(id, QuadrupleAimDimension.COST_EFFICIENCY, actor, coDesign));
                events.add(new PitfallRecorded(id, Phase.INTERNAL_PREPARATION, "Text", "Planning", null, actor,
                        coDesign));
            }
            if (i == 0) {
                events.add(new PitfallRecorded(id, Phase.INTERNAL_PREPARATION, "Again", "planning", null, actor,
                        coDesign));
            }
            if (i < 4) {
                events.add(goal(id, QuadrupleAimDimension.POPULATION_HEALTH, actor, coDesign));
                events.add(new SuccessFactorRecorded(id, Phase.CO_DESIGN, "Text", "joint-fact-finding", null, actor,
                        coDesign));
                Instant negotiation = coDesign.plus(Duration.ofDays(5));
                events.add(new PhaseAdvanced(id, Phase.CO_DESIGN, Phase.NEGOTIATION, List.of(), null, actor,
                        negotiation));
                events.add(new TrajectoryConcluded(id, Outcome.ABANDONED, "why", Phase.NEGOTIATION, actor,
                        negotiation.plus(Duration.ofDays(7))));
            } else if (i == 4) {
                events.add(new TrajectoryConcluded(id, Outcome.ABANDONED, "why", Phase.CO_DESIGN, actor,
                        coDesign.plus(Duration.ofDays(5))));
            }
            for (int sequence = 0; sequence < events.size(); sequence++) {
                projection.on(events.get(sequence), sequence);
            }
            histories.put(id.value(), events);
        }
        reload();
    }

    private void reload() {
        rows.clear();
        mongo.template().findAll(ResearchTrajectory.class).forEach(row -> rows.put(row.id, row));
        steps.attachTo(rows.values());
    }

    @AfterEach
    void stopMongo() {
        mongo.close();
    }

    private static GoalAgreed goal(TrajectoryId id, QuadrupleAimDimension dimension, Actor actor, Instant at) {
        return new GoalAgreed(id, "G-" + dimension.ordinal() + at.getNano(), "A goal", dimension, GoalKind.SMART,
                null, false, actor, at);
    }

    private static Study study(int k) {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return new Study("s", "Study", "Purpose", k, List.of(), List.of(), Base64.getEncoder().encodeToString(secret),
                START, "admin");
    }

    private ResearchResult aggregate(String view) {
        return new ResearchViews(study(5)).aggregate(view, List.copyOf(rows.values()),
                ResearchFilter.of(null, null, null));
    }

    private static Map<String, Object> rowWith(ResearchResult result, String column, String value) {
        return result.rows().stream().filter(row -> value.equals(row.get(column))).findFirst()
                .orElseThrow(() -> new AssertionError("No row " + column + "=" + value + " in " + result.rows()));
    }

    private static List<String> suppressedCells(ResearchResult result) {
        return result.suppressed().stream().map(ResearchResult.Suppression::cell).collect(Collectors.toList());
    }

    @Test
    void quartiles_interpolateBetweenOrderStatistics() {
        assertThat(Statistics.quantile(List.of(1, 2, 3, 4, 10, 20), 0.25)).isEqualTo(2.25);
        assertThat(Statistics.median(List.of(20, 1, 4, 3, 10, 2))).isEqualTo(3.5);
        assertThat(Statistics.quantile(List.of(1, 2, 3, 4, 10, 20), 0.75)).isEqualTo(8.5);
        assertThat(Statistics.median(List.of(7, 1, 3))).isEqualTo(3.0);
        assertThat(Statistics.quantile(List.of(5), 0.25)).isEqualTo(5.0);
    }

    @Test
    void phaseDurations_medianAndQuartiles_andACellOfKMinusOneIsSuppressed() {
        ResearchResult result = aggregate("phase-durations");

        Map<String, Object> preparation = rowWith(result, "phase", "INTERNAL_PREPARATION");
        assertThat(preparation.get("trajectories")).isEqualTo(6);
        assertThat(preparation.get("q1Days")).isEqualTo(2.25);
        assertThat(preparation.get("medianDays")).isEqualTo(3.5);
        assertThat(preparation.get("q3Days")).isEqualTo(8.5);
        Map<String, Object> coDesign = rowWith(result, "phase", "CO_DESIGN");
        assertThat(coDesign.get("trajectories")).isEqualTo(5);
        assertThat(coDesign.get("medianDays")).isEqualTo(5.0);
        // four trajectories negotiated: k - 1, held back and said so
        assertThat(result.rows()).noneMatch(row -> "NEGOTIATION".equals(row.get("phase")));
        assertThat(suppressedCells(result)).containsExactly("phase=NEGOTIATION");
        assertThat(result.suppressed().get(0).reason()).contains("fewer than k=5 trajectories");
        assertThat(result.trajectories()).isEqualTo(6);
    }

    /** Five abandoned and one ongoing: the one is suppressed, and so are the five, or 6 - 5 would reveal it. */
    @Test
    void outcomes_aPartitionWithOneSmallCell_getsSecondarySuppression() {
        ResearchResult result = aggregate("outcomes");

        assertThat(result.trajectories()).isEqualTo(6);
        assertThat(result.rows()).isEmpty();
        assertThat(suppressedCells(result)).containsExactly("outcome=ONGOING", "outcome=ABANDONED");
        assertThat(result.suppressed().get(1).reason()).startsWith("secondary suppression");
    }

    @Test
    void outcomes_withoutSmallCells_releaseEveryCell() {
        ResearchResult result = new ResearchViews(study(5)).aggregate("outcomes", withoutTheSixth(),
                ResearchFilter.of(null, null, null));

        assertThat(rowWith(result, "outcome", "ABANDONED").get("share")).isEqualTo(1.0);
        assertThat(result.suppressed()).isEmpty();
    }

    /** The five trajectories that ran their course (the sixth is still in co-design). */
    private List<ResearchTrajectory> withoutTheSixth() {
        return rows.values().stream().filter(t -> !t.id.equals(ids.get(5))).toList();
    }

    @Test
    void contracts_shareMultiYear_andDurationQuartiles() {
        ResearchResult result = aggregate("contracts");

        Map<String, Object> all = rowWith(result, "contractModel", "ALL");
        assertThat(all.get("trajectories")).isEqualTo(6);
        assertThat(all.get("multiYearShare")).isEqualTo(0.6667);
        assertThat(all.get("q1DurationMonths")).isEqualTo(18.0);
        assertThat(all.get("medianDurationMonths")).isEqualTo(42.0);
        // sorted 12, 12, 36, 48, 60, 60: position 3.75 lies between 48 and 60
        assertThat(all.get("q3DurationMonths")).isEqualTo(57.0);
        assertThat(suppressedCells(result)).containsExactly("contractModel=FEE_FOR_SERVICE",
                "contractModel=BUNDLED_PAYMENT");

        Map<String, Object> bundled = rowWith(new ResearchViews(study(5)).aggregate("contracts",
                withoutTheSixth(), ResearchFilter.of(null, null, null)), "contractModel", "BUNDLED_PAYMENT");
        assertThat(bundled.get("trajectories")).isEqualTo(5);
        assertThat(bundled.get("multiYearShare")).isEqualTo(0.8);
        assertThat(bundled.get("q1DurationMonths")).isEqualTo(36.0);
        assertThat(bundled.get("medianDurationMonths")).isEqualTo(48.0);
        assertThat(bundled.get("q3DurationMonths")).isEqualTo(60.0);
    }

    @Test
    void goals_mixOverTheQuadrupleAim() {
        ResearchResult result = aggregate("goals");

        Map<String, Object> quality = rowWith(result, "dimension", "QUALITY_OF_CARE");
        assertThat(quality.get("trajectories")).isEqualTo(6);
        assertThat(quality.get("goals")).isEqualTo(7);
        assertThat(quality.get("goalShare")).isEqualTo(0.4375);
        Map<String, Object> cost = rowWith(result, "dimension", "COST_EFFICIENCY");
        assertThat(cost.get("trajectories")).isEqualTo(5);
        assertThat(cost.get("goalShare")).isEqualTo(0.3125);
        assertThat(suppressedCells(result)).containsExactly("dimension=POPULATION_HEALTH");
    }

    /** The kick-off poll as data: two thirds trust the person, half of those also the organisation. */
    @Test
    void trust_inPersonVersusOrganisation_usesEachTrajectorysLastAssessmentInThePhase() {
        ResearchResult result = aggregate("trust");

        Map<String, Object> coDesign = rowWith(result, "phase", "CO_DESIGN");
        assertThat(coDesign.get("trajectories")).isEqualTo(6);
        assertThat((Double) coDesign.get("meanPersonTrust")).isCloseTo(3.67, within(0.001));
        assertThat(coDesign.get("meanOrganisationTrust")).isEqualTo(3.0);
        assertThat(coDesign.get("medianPersonTrust")).isEqualTo(4.0);
        assertThat(coDesign.get("medianOrganisationTrust")).isEqualTo(3.0);
        assertThat(coDesign.get("trustPersonShare")).isEqualTo(0.6667);
        assertThat(coDesign.get("alsoTrustOrganisationShare")).isEqualTo(0.5);
    }

    @Test
    void lessons_countTrajectoriesAndMentionsPerTag_andASuppressedCellDoesNotNameItsTag() {
        ResearchResult result = aggregate("lessons");

        Map<String, Object> planning = rowWith(result, "tag", "planning");
        assertThat(planning.get("kind")).isEqualTo("PITFALL");
        assertThat(planning.get("phase")).isEqualTo("INTERNAL_PREPARATION");
        assertThat(planning.get("trajectories")).isEqualTo(5);
        assertThat(planning.get("mentions")).isEqualTo(6);
        assertThat(suppressedCells(result)).containsExactly("kind=SUCCESS_FACTOR, phase=CO_DESIGN, one tag");
        assertThat(result.suppressed().toString()).doesNotContain("joint-fact-finding");
    }

    @Test
    void aPopulationBelowK_isSuppressedAltogether() {
        ResearchResult sixNeeded = new ResearchViews(study(7)).aggregate("outcomes", List.copyOf(rows.values()),
                ResearchFilter.of(null, null, null));
        assertThat(sixNeeded.rows()).isEmpty();
        assertThat(sixNeeded.trajectories()).isNull();
        assertThat(suppressedCells(sixNeeded)).containsExactly("all");

        ResearchResult sixEnough = new ResearchViews(study(6)).histories(List.copyOf(rows.values()),
                ResearchFilter.of(null, null, null));
        assertThat(sixEnough.rows()).hasSize(6);

        ResearchResult noneIn2023 = new ResearchViews(study(5)).histories(List.copyOf(rows.values()).stream()
                .filter(ResearchFilter.of(null, 2023, null)::matches).toList(), ResearchFilter.of(null, 2023, null));
        assertThat(noneIn2023.rows()).isEmpty();
        assertThat(noneIn2023.suppressed()).hasSize(1);
    }

    @Test
    void histories_pseudonymiseAndBand_stableWithinAStudy_differentAcrossStudies() {
        Study one = study(5);
        Study other = study(5);
        List<ResearchTrajectory> population = List.copyOf(rows.values());
        ResearchFilter all = ResearchFilter.of(null, null, null);

        String first = ResearchFormat.JSON.write("s", new ResearchViews(one).histories(population, all));
        String again = ResearchFormat.JSON.write("s", new ResearchViews(one).histories(population, all));
        String elsewhere = ResearchFormat.JSON.write("s", new ResearchViews(other).histories(population, all));

        assertThat(again).isEqualTo(first);
        Pseudonyms pseudonymsOne = new Pseudonyms(one.secret());
        Pseudonyms pseudonymsOther = new Pseudonyms(other.secret());
        for (String id : ids) {
            assertThat(first).contains(pseudonymsOne.trajectory(id)).doesNotContain(pseudonymsOther.trajectory(id))
                    .doesNotContain(id);
            assertThat(elsewhere).contains(pseudonymsOther.trajectory(id));
        }
        assertThat(pseudonymsOne.organisation("Insurer 0")).isNotEqualTo(pseudonymsOther.organisation("Insurer 0"));
        assertThat(first).contains(pseudonymsOne.person("person-0@example.org"))
                .doesNotContain("example.org", "Insurer", "Provider", "Title", "note", "A goal", "why")
                .contains("\"terms.durationMonths\":\"37-60\"", "\"startDate\":", "\"startYear\":2024",
                        "\"startQuarter\":1");
    }

    @Test
    void replayingEveryEvent_changesNothing() {
        String id = ids.get(0);
        Study study = study(2);
        String before = ResearchFormat.JSON.write("s", new ResearchViews(study).histories(
                List.copyOf(rows.values()), ResearchFilter.of(null, null, null)));
        ResearchTrajectory summary = rows.get(id);
        List<TrajectoryEvent> events = histories.get(id);
        for (int sequence = 0; sequence < events.size(); sequence++) {
            projection.on(events.get(sequence), sequence);
        }
        reload();

        ResearchTrajectory again = rows.get(id);
        assertThat(again.steps).isEqualTo(summary.steps).hasSize(events.size());
        assertThat(again.phases).isEqualTo(summary.phases);
        assertThat(again.trust).isEqualTo(summary.trust);
        assertThat(again.lessons).isEqualTo(summary.lessons);
        assertThat(again.goalDimensions).isEqualTo(summary.goalDimensions);
        assertThat(ResearchFormat.JSON.write("s", new ResearchViews(study).histories(List.copyOf(rows.values()),
                ResearchFilter.of(null, null, null)))).isEqualTo(before);
    }

    @Test
    void stepsKeepThePhaseTheyWereTakenIn() {
        ResearchTrajectory first = rows.get(ids.get(0));
        assertThat(first.steps.get(0).phase()).isEqualTo("INTERNAL_PREPARATION");
        assertThat(first.steps.get(1).type()).isEqualTo("PhaseAdvanced");
        assertThat(first.steps.get(1).phase()).isEqualTo("INTERNAL_PREPARATION");
        assertThat(first.steps.get(2).phase()).isEqualTo("CO_DESIGN");
        ResearchTrajectory.Step concluded = first.steps.get(first.steps.size() - 1);
        assertThat(concluded.type()).isEqualTo("TrajectoryConcluded");
        assertThat(concluded.phase()).isEqualTo("NEGOTIATION");
    }
}
