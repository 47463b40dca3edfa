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
    private final ResearchKeys keys = new ResearchKeys(ResearchKeys.randomKey());
    private final ResearchSteps steps = new ResearchSteps(mongo.template());
    private final ResearchProjection projection = new ResearchProjection(mongo.template(), steps, keys);
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

    /** The summaries by trajectory id (the test knows which key is whose), with their steps. */
    private void reload() {
        rows.clear();
        Map<String, ResearchTrajectory> byKey = new LinkedHashMap<>();
        mongo.template().findAll(ResearchTrajectory.class).forEach(row -> byKey.put(row.id, row));
        for (String id : ids) {
            rows.put(id, byKey.get(keys.key("trajectory", id)));
        }
        steps.attachTo(rows.values());
    }

    @AfterEach
    void stopMongo() {
        mongo.close();
    }

    @Test
    void thePopulation_readsWhatTheProjectionWrote_andAgainOnlyOnceTheRevisionChanged() {
        ResearchPopulation population = new ResearchPopulation(mongo.template());
        ResearchPopulation.Snapshot first = population.snapshot();
        assertThat(first.trajectories()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("start", "steps",
                "prefix").containsExactlyInAnyOrderElementsOf(mongo.template().findAll(ResearchTrajectory.class));
        assertThat(first.trajectories()).as("the sealed start stays with the projection")
                .allMatch(trajectory -> trajectory.start == null);
        assertThat(population.snapshot()).as("nothing changed: the same snapshot").isSameAs(first);

        String id = conclude(5);

        ResearchPopulation.Snapshot second = population.snapshot();
        assertThat(second.revision()).isNotEqualTo(first.revision());
        assertThat(second.trajectories()).filteredOn(t -> t.id.equals(key(id)))
                .singleElement().satisfies(t -> assertThat(t.outcome).isEqualTo("AGREEMENT_FULFILLED"));
        assertThat(second.trajectories()).hasSize(6).filteredOn(t -> !t.id.equals(key(id)))
                .as("the others are kept as they were read").allMatch(t -> first.trajectories().contains(t));

        TrajectoryId added = TrajectoryId.random();
        projection.on(new TrajectoryStarted(added, "Added", List.of(new Party("Insurer 7", PartyType.INSURER),
                new Party("Provider 7", PartyType.CARE_PROVIDER)), new Actor("p@example.org", "Insurer 7"), START), 0);
        assertThat(population.snapshot().trajectories()).hasSize(7).anyMatch(t -> t.id.equals(key(added.value())));
        assertThat(new ResearchPopulation(mongo.template()).snapshot().revision())
                .as("another instance on the same database reads the same revision")
                .isEqualTo(population.snapshot().revision());
    }

    @Test
    void thePopulation_isReadInTheBackground_onceTheReadModelWasQuietForOneCheck() {
        ResearchPopulation population = new ResearchPopulation(mongo.template());
        population.keepCurrent();
        assertThat(population.isCurrent()).as("a revision seen once may still be changing").isFalse();
        population.keepCurrent();
        assertThat(population.isCurrent()).as("the same revision twice: read").isTrue();

        String id = conclude(2);
        population.keepCurrent();
        assertThat(population.isCurrent()).as("a step came since the last check").isFalse();
        population.keepCurrent();
        assertThat(population.isCurrent()).isTrue();
        assertConcluded(population, id);
    }

    @Test
    void thePopulation_isReadInTheBackgroundAtMostOncePerPeriod_andARequestReadsWhatChangedMeanwhile() {
        ResearchPopulation population = new ResearchPopulation(mongo.template(), Duration.ofHours(1));
        population.keepCurrent();
        population.keepCurrent();
        assertThat(population.isCurrent()).as("the first read in the background comes at once").isTrue();

        String id = conclude(3);
        population.keepCurrent();
        population.keepCurrent();
        assertThat(population.isCurrent()).as("the next one waits for the period").isFalse();
        assertConcluded(population, id);
    }

    private void assertConcluded(ResearchPopulation population, String id) {
        assertThat(population.snapshot().trajectories()).filteredOn(t -> t.id.equals(key(id))).singleElement()
                .satisfies(t -> assertThat(t.outcome).isEqualTo("AGREEMENT_FULFILLED"));
    }

    /** Concludes the trajectory made as the {@code index}th of the set-up; answers its id. */
    private String conclude(int index) {
        String id = ids.get(index);
        projection.on(new TrajectoryConcluded(new TrajectoryId(id), Outcome.AGREEMENT_FULFILLED, "why", Phase.CO_DESIGN,
                new Actor("person-" + index + "@example.org", "Insurer " + index), START.plus(Duration.ofDays(60))),
                histories.get(id).size());
        return id;
    }

    private static GoalAgreed goal(TrajectoryId id, QuadrupleAimDimension dimension, Actor actor, Instant at) {
        return new GoalAgreed(id, "G-" + dimension.ordinal() + at.getNano(), "A goal", dimension, GoalKind.SMART,
                null, false, actor, at);
    }

    private Study study(int k) {
        String secret = Base64.getEncoder().encodeToString(ResearchKeys.randomKey());
        return new Study("s", "Study", "Purpose", k, List.of(), List.of(), keys.seal(Study.secretContext("s"), secret),
                START, "admin");
    }

    private ResearchResult aggregate(String view) {
        return aggregate(view, List.copyOf(rows.values()), 5);
    }

    private ResearchResult aggregate(String view, List<ResearchTrajectory> population, int k) {
        return new ResearchViews(study(k), keys, ReleaseMemory.inMemory()).aggregate(view, population,
                ResearchFilter.of(null, null, null));
    }

    private ResearchResult histories(Study study, List<ResearchTrajectory> population, ResearchFilter filter) {
        return new Histories(study, keys).all(population, filter, steps);
    }

    private String key(String id) {
        return keys.key("trajectory", id);
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
    void smoothedQuantiles_areMeansOfTheKValuesNearestThePosition() {
        // positions 1.25, 2.5 and 3.75 of six values; windows of five
        assertThat(Statistics.smoothedQuantile(List.of(1, 2, 3, 4, 10, 20), 0.25, 5)).isEqualTo(4.0);
        assertThat(Statistics.smoothedQuantile(List.of(1, 2, 3, 4, 10, 20), 0.5, 5)).isEqualTo(7.8);
        assertThat(Statistics.smoothedQuantile(List.of(1, 2, 3, 4, 10, 20), 0.75, 5)).isEqualTo(7.8);
        // a large group: close to the quantile
        List<Integer> hundred = java.util.stream.IntStream.rangeClosed(1, 101).boxed().toList();
        assertThat(Statistics.smoothedQuantile(hundred, 0.25, 5)).isEqualTo(26.0);
        assertThat(Statistics.smoothedQuantile(hundred, 0.5, 5)).isEqualTo(51.0);
    }

    @Test
    void organisations_areCountedAcrossEveryPartyOfTheTrajectories() {
        ResearchTrajectory first = new ResearchTrajectory("a");
        first.parties.add(new ResearchTrajectory.PartyRef("o1", "INSURER"));
        first.parties.add(new ResearchTrajectory.PartyRef("o2", "CARE_PROVIDER"));
        ResearchTrajectory second = new ResearchTrajectory("b");
        second.parties.add(new ResearchTrajectory.PartyRef("o2", "INSURER"));
        second.parties.add(new ResearchTrajectory.PartyRef("o3", "CARE_PROVIDER"));

        assertThat(FilterClasses.fewerOrganisationsThan(List.of(first, second), 3)).isFalse();
        assertThat(FilterClasses.fewerOrganisationsThan(List.of(first, second), 4)).isTrue();
        assertThat(FilterClasses.fewerOrganisationsThan(List.of(first, first), 3)).isTrue();
        assertThat(FilterClasses.fewerOrganisationsThan(List.of(), 1)).isTrue();
    }

    @Test
    void phaseDurations_smoothedQuartiles_andACellOfKMinusOneIsSuppressed() {
        ResearchResult result = aggregate("phase-durations");

        Map<String, Object> preparation = rowWith(result, "phase", "INTERNAL_PREPARATION");
        assertThat(preparation.get("trajectories")).isEqualTo(6);
        assertThat(preparation.get("q1Days")).isEqualTo(4.0);
        assertThat(preparation.get("medianDays")).isEqualTo(7.8);
        assertThat(preparation.get("q3Days")).isEqualTo(7.8);
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
        ResearchResult result = aggregate("outcomes", withoutTheSixth(), 5);

        assertThat(rowWith(result, "outcome", "ABANDONED").get("share")).isEqualTo(1.0);
        assertThat(result.suppressed()).isEmpty();
    }

    /** The five trajectories that ran their course (the sixth is still in co-design). */
    private List<ResearchTrajectory> withoutTheSixth() {
        return rows.values().stream().filter(t -> !t.id.equals(key(ids.get(5)))).toList();
    }

    @Test
    void contracts_shareMultiYear_andSmoothedDurationQuartiles() {
        ResearchResult result = aggregate("contracts");

        Map<String, Object> all = rowWith(result, "contractModel", "ALL");
        assertThat(all.get("trajectories")).isEqualTo(6);
        assertThat(all.get("multiYearShare")).isEqualTo(0.6667);
        // sorted 12, 12, 36, 48, 60, 60: the first five and the last five
        assertThat(all.get("q1DurationMonths")).isEqualTo(33.6);
        assertThat(all.get("medianDurationMonths")).isEqualTo(43.2);
        assertThat(all.get("q3DurationMonths")).isEqualTo(43.2);
        assertThat(suppressedCells(result)).containsExactly("contractModel=FEE_FOR_SERVICE",
                "contractModel=BUNDLED_PAYMENT");
    }

    /** Exactly five contracts: type-7 quartiles would be the second, third and fourth trajectory's own durations. */
    @Test
    void contracts_inAGroupOfK_releaseNoQuartileThatIsOneTrajectorysDuration() {
        List<ResearchTrajectory> five = withoutTheSixth();
        List<Integer> durations = five.stream().map(t -> t.contractDurationMonths).toList();
        assertThat(durations).contains((int) Statistics.quantile(durations, 0.25),
                (int) Statistics.median(durations), (int) Statistics.quantile(durations, 0.75));

        Map<String, Object> bundled = rowWith(aggregate("contracts", five, 5), "contractModel", "BUNDLED_PAYMENT");

        assertThat(bundled.get("trajectories")).isEqualTo(5);
        assertThat(bundled.get("multiYearShare")).isEqualTo(0.8);
        for (String quartile : List.of("q1DurationMonths", "medianDurationMonths", "q3DurationMonths")) {
            assertThat((Double) bundled.get(quartile)).as(quartile).isEqualTo(43.2)
                    .matches(value -> durations.stream().noneMatch(d -> d.doubleValue() == value));
        }
    }

    /**
     * Population health (four trajectories) is suppressed; the goal shares reveal the total of sixteen goals, so
     * releasing quality (seven) and cost (five) would give population health's four by subtraction: cost is held
     * back too.
     */
    @Test
    void goals_sharesRevealTheTotal_soTheSmallCellGetsAComplement() {
        ResearchResult result = aggregate("goals");

        Map<String, Object> quality = rowWith(result, "dimension", "QUALITY_OF_CARE");
        assertThat(quality.get("trajectories")).isEqualTo(6);
        assertThat(quality.get("goals")).isEqualTo(7);
        assertThat(quality.get("goalShare")).isEqualTo(0.4375);
        assertThat(suppressedCells(result)).containsExactly("dimension=POPULATION_HEALTH",
                "dimension=COST_EFFICIENCY");
        assertThat(result.suppressed().get(1).reason()).startsWith("secondary suppression");
    }

    @Test
    void trust_inPersonVersusOrganisation_usesEachTrajectorysLastAssessmentInThePhase() {
        ResearchResult result = aggregate("trust");

        Map<String, Object> coDesign = rowWith(result, "phase", "CO_DESIGN");
        assertThat(coDesign.get("trajectories")).isEqualTo(6);
        assertThat((Double) coDesign.get("meanPersonTrust")).isCloseTo(3.67, within(0.001));
        assertThat(coDesign.get("meanOrganisationTrust")).isEqualTo(3.0);
        // 2 3 4 4 4 5 and 1 2 2 4 4 5: the middle five of each
        assertThat(coDesign.get("medianPersonTrust")).isEqualTo(4.0);
        assertThat(coDesign.get("medianOrganisationTrust")).isEqualTo(3.4);
        assertThat(coDesign.get("trustPersonShare")).isEqualTo(0.6667);
        // four trust the person: a share of those four would describe fewer than k
        assertThat(coDesign.get("alsoTrustOrganisationShare")).isNull();
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
        ResearchResult sixNeeded = aggregate("outcomes", List.copyOf(rows.values()), 7);
        assertThat(sixNeeded.rows()).isEmpty();
        assertThat(sixNeeded.trajectories()).isNull();
        assertThat(suppressedCells(sixNeeded)).containsExactly("all");

        ResearchResult sixEnough = histories(study(6), List.copyOf(rows.values()), ResearchFilter.of(null, null, null));
        assertThat(sixEnough.rows()).hasSize(6);

        ResearchResult noneIn2023 = histories(study(5), List.copyOf(rows.values()),
                ResearchFilter.of(null, 2023, null));
        assertThat(noneIn2023.rows()).isEmpty();
        assertThat(suppressedCells(noneIn2023)).containsExactly("all");
    }

    @Test
    void histories_pseudonymiseAndBand_stableWithinAStudy_differentAcrossStudies() {
        Study one = study(5);
        Study other = study(5);
        List<ResearchTrajectory> population = List.copyOf(rows.values());
        ResearchFilter all = ResearchFilter.of(null, null, null);

        String first = ResearchFormat.JSON.write("s", histories(one, population, all));
        String again = ResearchFormat.JSON.write("s", histories(one, population, all));
        String elsewhere = ResearchFormat.JSON.write("s", histories(other, population, all));

        assertThat(again).isEqualTo(first);
        Pseudonyms pseudonymsOne = new Pseudonyms(one.secret(keys));
        Pseudonyms pseudonymsOther = new Pseudonyms(other.secret(keys));
        for (String id : ids) {
            assertThat(first).contains(pseudonymsOne.trajectory(key(id)))
                    .doesNotContain(pseudonymsOther.trajectory(key(id))).doesNotContain(id).doesNotContain(key(id));
            assertThat(elsewhere).contains(pseudonymsOther.trajectory(key(id)));
        }
        String insurer = keys.key("organisation", "Insurer 0");
        assertThat(pseudonymsOne.organisation(insurer)).isNotEqualTo(pseudonymsOther.organisation(insurer));
        assertThat(first).contains(pseudonymsOne.person(keys.key("person", "person-0@example.org")))
                .doesNotContain("example.org", "Insurer", "Provider", "Title", "note", "A goal", "why")
                .contains("\"startDate\":", "\"anonymisation\":", "\"suppressedTrajectories\":0");
    }

    @Test
    void replayingEveryEvent_changesNothing() {
        String id = ids.get(0);
        Study study = study(2);
        ResearchFilter all = ResearchFilter.of(null, null, null);
        ResearchTrajectory summary = rows.get(id);
        List<ResearchTrajectory.Step> stepsBefore = List.copyOf(summary.steps);
        String before = ResearchFormat.JSON.write("s", histories(study, List.copyOf(rows.values()), all));
        reload();
        List<TrajectoryEvent> events = histories.get(id);
        for (int sequence = 0; sequence < events.size(); sequence++) {
            projection.on(events.get(sequence), sequence);
        }
        reload();

        ResearchTrajectory again = rows.get(id);
        assertThat(again.steps).isEqualTo(stepsBefore).hasSize(events.size());
        assertThat(again.phases).isEqualTo(summary.phases);
        assertThat(again.trust).isEqualTo(summary.trust);
        assertThat(again.lessons).isEqualTo(summary.lessons);
        assertThat(again.goalDimensions).isEqualTo(summary.goalDimensions);
        assertThat(ResearchFormat.JSON.write("s", histories(study, List.copyOf(rows.values()), all)))
                .isEqualTo(before);
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

    @Test
    void theSummaryKeepsKeysAndDays_notIdsNamesOrInstants() {
        ResearchTrajectory first = rows.get(ids.get(0));
        assertThat(first.id).isEqualTo(key(ids.get(0))).doesNotContain(ids.get(0));
        assertThat(first.parties).extracting(ResearchTrajectory.PartyRef::organisation)
                .containsExactly(keys.key("organisation", "Insurer 0"), keys.key("organisation", "Provider 0"));
        assertThat(first.startYear).isEqualTo(2024);
        assertThat(first.startQuarter).isEqualTo(1);
        assertThat(first.start).doesNotContain("2024");
        assertThat(first.phases).extracting(ResearchTrajectory.PhaseEntry::day).containsExactly(0L, 1L, 6L);
        assertThat(first.lessons.get(0).tag()).isEqualTo(keys.key("tag", "planning"));
        assertThat(first.lessons.get(0).sealedTag()).doesNotContainIgnoringCase("planning");
    }
}
