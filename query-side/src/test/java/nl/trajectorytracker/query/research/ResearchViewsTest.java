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
import nl.trajectorytracker.api.values.SharingArrangement;
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
        return new Study("s", "Study", "Purpose", k, List.of(), List.of(), keys.seal(Study.boundContext("s", k, List.of(), List.of()), secret),
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
    void quantiles_areMeansOfBlocksOfAtLeastK_soThatWithTheMeanTheyIsolateNoValue() {
        // six values, k = 5: one block; every quantile is the mean, which with the mean gives nothing more (a median
        // over the five nearest values, 3.2 here, gave the smallest exactly: 6 x mean - 5 x 3.2 = 2)
        List<Integer> six = List.of(2, 2, 3, 4, 5, 3);
        assertThat(Statistics.blockQuantile(eachItsOwn(six), 0.25, 5)).isEqualTo(Statistics.mean(six));
        assertThat(Statistics.blockQuantile(eachItsOwn(six), 0.5, 5)).isEqualTo(Statistics.mean(six));
        assertThat(Statistics.blockQuantile(eachItsOwn(six), 0.75, 5)).isEqualTo(Statistics.mean(six));
        // 101 values, k = 5: sixteen blocks of six or seven; a quartile is the mean of the block at its position
        List<Integer> hundred = java.util.stream.IntStream.rangeClosed(1, 101).boxed().toList();
        assertThat(Statistics.blockQuantile(eachItsOwn(hundred), 0.25, 5)).isEqualTo(28.5); // 26..31
        assertThat(Statistics.blockQuantile(eachItsOwn(hundred), 0.5, 5)).isEqualTo(53.5); // 51..56
    }

    /** Each value recorded by an organisation of its own. */
    private static List<Statistics.Recorded> eachItsOwn(List<Integer> values) {
        List<Statistics.Recorded> recorded = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            recorded.add(new Statistics.Recorded(values.get(i), List.of("O" + i)));
        }
        return recorded;
    }

    /**
     * A researcher who is also a negotiator recorded five trajectories of no time at all into a group of seven other
     * organisations' trajectories: the lowest block of six held their five and the smallest other value, and q1 gave
     * it exactly (6 x 6.0 - 0 = 36 days); five more peeled off the next. A block holds k organisations, or fewer
     * blocks are cut: here one, whose mean the researcher could work out anyway.
     */
    @Test
    void ownValuesPlantedAtTheBottomOfAGroup_singleOutNoOtherValue() {
        List<Statistics.Recorded> group = new ArrayList<>();
        int[] others = {36, 92, 119, 122, 127, 129, 162};
        for (int i = 0; i < others.length; i++) {
            group.add(new Statistics.Recorded(others[i], List.of("O" + i)));
        }
        for (int i = 0; i < 5; i++) {
            group.add(new Statistics.Recorded(0, List.of("Researcher's own")));
        }

        double q1 = Statistics.blockQuantile(group, 0.25, 5);

        assertThat(q1 * 6).isNotEqualTo(36.0);
        assertThat(q1).isEqualTo(787.0 / 12);
        // with as many organisations as values, the blocks are cut as before
        assertThat(Statistics.blockQuantile(eachItsOwn(List.of(0, 0, 0, 0, 0, 36, 92, 119, 122, 127, 129, 162)),
                0.25, 5)).isEqualTo(6.0);
    }

    /**
     * Two studies of the same trajectories with k = 5 and k = 6 once gave one trajectory's value exactly (6 x q1 - 5 x
     * q1 over windows of six and five nearest). Blocks of a larger k are unions of blocks of a smaller one, so the
     * released sums of two studies differ by whole blocks of at least the smaller k.
     */
    @Test
    void quantilesOfTwoStudiesWithAnotherK_differByWholeBlocks_neverByOneValue() {
        java.util.Random random = new java.util.Random(27);
        for (int round = 0; round < 500; round++) {
            int n = 5 + random.nextInt(200);
            int small = 2 + random.nextInt(8);
            int large = small + 1 + random.nextInt(8);
            for (double p : new double[] {0.25, 0.5, 0.75}) {
                int[] coarse = Statistics.blockAt(n, p, large);
                int[] fine = Statistics.blockAt(n, p, small);
                assertThat(coarse[1] - coarse[0]).isGreaterThanOrEqualTo(Math.min(large, n));
                assertThat(fine[1] - fine[0]).isGreaterThanOrEqualTo(Math.min(small, n));
                // the finer block lies within the coarser one, which is whole blocks of the finer cut
                assertThat(fine[0]).isGreaterThanOrEqualTo(coarse[0]);
                assertThat(fine[1]).isLessThanOrEqualTo(coarse[1]);
                int rest = (coarse[1] - coarse[0]) - (fine[1] - fine[0]);
                assertThat(rest == 0 || rest >= small).as("n=%d k=%d/%d p=%s", n, small, large, p).isTrue();
            }
        }
    }

    @Test
    void organisations_areCountedAcrossEveryOrganisationThatRecordedTheTrajectories_notTheirParties() {
        ResearchTrajectory first = new ResearchTrajectory("a");
        first.parties.add(new ResearchTrajectory.PartyRef("o1", "INSURER"));
        first.parties.add(new ResearchTrajectory.PartyRef("o2", "CARE_PROVIDER"));
        first.parties.add(new ResearchTrajectory.PartyRef("o9", "MUNICIPALITY"));
        first.recorders.addAll(List.of("o1", "o2"));
        ResearchTrajectory second = new ResearchTrajectory("b");
        second.parties.add(new ResearchTrajectory.PartyRef("o2", "INSURER"));
        second.parties.add(new ResearchTrajectory.PartyRef("o3", "CARE_PROVIDER"));
        second.recorders.addAll(List.of("o2", "o3"));

        assertThat(FilterClasses.fewerOrganisationsThan(List.of(first, second), 3)).isFalse();
        assertThat(FilterClasses.fewerOrganisationsThan(List.of(first, second), 4)).isTrue();
        assertThat(FilterClasses.fewerOrganisationsThan(List.of(first, first), 3)).isTrue();
        assertThat(FilterClasses.fewerOrganisationsThan(List.of(), 1)).isTrue();
    }

    @Test
    void phaseDurations_quartilesOfOneBlock_andACellOfKMinusOneIsSuppressed() {
        ResearchResult result = aggregate("phase-durations");

        Map<String, Object> preparation = rowWith(result, "phase", "INTERNAL_PREPARATION");
        assertThat(preparation.get("trajectories")).isEqualTo(6);
        // six durations, fewer than 2k: one block, every quartile its mean
        assertThat(preparation.get("q1Days")).isEqualTo(6.7);
        assertThat(preparation.get("medianDays")).isEqualTo(6.7);
        assertThat(preparation.get("q3Days")).isEqualTo(6.7);
        Map<String, Object> coDesign = rowWith(result, "phase", "CO_DESIGN");
        assertThat(coDesign.get("trajectories")).isEqualTo(5);
        assertThat(coDesign.get("medianDays")).isEqualTo(5.0);
        // four trajectories negotiated: k - 1, held back and said so
        assertThat(result.rows()).noneMatch(row -> "NEGOTIATION".equals(row.get("phase")));
        // with the phases none reached beside it, for one reason: which is small and which empty is not told
        assertThat(suppressedCells(result)).containsExactly("phase=NEGOTIATION", "phase=RUNNING_AGREEMENT",
                "phase=AFTER_AGREEMENT");
        assertThat(result.suppressed()).extracting(ResearchResult.Suppression::reason).containsOnly(
                result.suppressed().get(0).reason());
        assertThat(result.trajectories()).isEqualTo(6);
    }

    /** Five abandoned and one ongoing: the one is suppressed, and so are the five, or 6 - 5 would reveal it. */
    @Test
    void outcomes_aPartitionWithOneSmallCell_getsSecondarySuppression() {
        ResearchResult result = aggregate("outcomes");

        assertThat(result.trajectories()).isEqualTo(6);
        assertThat(result.rows()).isEmpty();
        // in the order of the cells, the empty ones too, for one reason: which cell hides which is not told
        assertThat(suppressedCells(result)).containsExactly("outcome=AGREEMENT_FULFILLED",
                "outcome=FALLBACK_TO_BATNA", "outcome=ABANDONED", "outcome=ONGOING");
        assertThat(result.suppressed()).extracting(ResearchResult.Suppression::reason).containsOnly(
                result.suppressed().get(0).reason());
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
    void contracts_shareMultiYear_andDurationQuartilesOfOneBlock() {
        ResearchResult result = aggregate("contracts");

        Map<String, Object> all = rowWith(result, "contractModel", "ALL");
        assertThat(all.get("trajectories")).isEqualTo(6);
        assertThat(all.get("multiYearShare")).isEqualTo(0.6667);
        // 12, 12, 36, 48, 60, 60: one block of six
        assertThat(all.get("q1DurationMonths")).isEqualTo(38.0);
        assertThat(all.get("medianDurationMonths")).isEqualTo(38.0);
        assertThat(all.get("q3DurationMonths")).isEqualTo(38.0);
        assertThat(suppressedCells(result)).containsExactly("contractModel=FEE_FOR_SERVICE",
                "contractModel=BUNDLED_PAYMENT", "contractModel=SHARED_SAVINGS",
                "contractModel=POPULATION_BASED_CAPITATION", "contractModel=OUTCOME_BASED");
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
        assertThat(suppressedCells(result)).containsExactly("dimension=COST_EFFICIENCY",
                "dimension=POPULATION_HEALTH", "dimension=STAFF_WORK_SATISFACTION");
        assertThat(result.suppressed()).extracting(ResearchResult.Suppression::reason).containsOnly(
                result.suppressed().get(0).reason());
    }

    @Test
    void trust_inPersonVersusOrganisation_usesEachTrajectorysLastAssessmentInThePhase() {
        ResearchResult result = aggregate("trust");

        Map<String, Object> coDesign = rowWith(result, "phase", "CO_DESIGN");
        assertThat(coDesign.get("trajectories")).isEqualTo(6);
        assertThat((Double) coDesign.get("meanPersonTrust")).isCloseTo(3.67, within(0.001));
        assertThat(coDesign.get("meanOrganisationTrust")).isEqualTo(3.0);
        // 2 3 4 4 4 5 and 1 2 2 4 4 5: one block each, so the median is the mean (a median of the five nearest,
        // 3.4, with the mean of six gave the lowest organisation trust: 6 x 3.0 - 5 x 3.4 = 1)
        assertThat(coDesign.get("medianPersonTrust")).isEqualTo(3.7);
        assertThat(coDesign.get("medianOrganisationTrust")).isEqualTo(3.0);
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
        // held-back tags said once, not one entry per tag: that told how many rare tags each kind and phase held
        assertThat(suppressedCells(result)).containsExactly("tags held back");
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
        String trajectory = key(ids.get(0));
        assertThat(pseudonymsOne.organisationIn(trajectory, insurer))
                .isNotEqualTo(pseudonymsOther.organisationIn(trajectory, insurer));
        assertThat(first).contains(pseudonymsOne.personIn(trajectory, keys.key("person", "person-0@example.org")))
                .doesNotContain("example.org", "Insurer", "Provider", "Title", "note", "A goal", "why")
                .contains("\"startDate\":", "\"anonymisation\":", "\"suppressedTrajectories\":0")
                .doesNotContain("\"endDate\":");
    }

    /**
     * An organisation linked across records was recognised by how many trajectories it had, of which types, and with
     * it every one of them: within a record its pseudonym tells the parties apart, across records it links nothing.
     */
    @Test
    void histories_nameOrganisationsAndPersonsPerRecord_soThatNoneIsFollowedAcrossRecords() {
        Study study = study(2);
        String sharedInsurer = "Insurer 0";
        for (String id : ids.subList(1, 3)) {
            Actor actor = new Actor("person-0@example.org", sharedInsurer);
            projection.on(new SuccessFactorRecorded(new TrajectoryId(id), Phase.CO_DESIGN, "Text", "joint-fact-finding",
                    null, actor, START.plus(Duration.ofDays(40))), histories.get(id).size());
        }
        reload();

        ResearchResult result = histories(study, List.copyOf(rows.values()), ResearchFilter.of(null, null, null));

        List<Object> everyParty = new ArrayList<>();
        java.util.Set<Object> actingOrganisations = new java.util.HashSet<>();
        java.util.Set<Object> actingPersons = new java.util.HashSet<>();
        for (Map<String, Object> record : result.rows()) {
            List<Object> parties = partiesOf(record).stream().map(party -> party.get("organisation")).toList();
            everyParty.addAll(parties);
            // within a record the party that started it is the organisation of its first step
            assertThat(parties).contains(stepsOf(record).get(0).get("organisation"));
            for (Map<String, Object> step : stepsOf(record)) {
                actingOrganisations.add(step.get("organisation"));
                actingPersons.add(step.get("person"));
            }
        }
        assertThat(everyParty).hasSize(12).doesNotHaveDuplicates();
        // Insurer 0 and person-0 acted in three records, under three pseudonyms each
        assertThat(actingOrganisations).hasSize(6 + 2);
        assertThat(actingPersons).hasSize(6 + 2);
    }

    @Test
    void histories_releaseAPredecessorPartiesAndOutcome_onlyWhereTheStudyReleasesTheStepsTheyRepeat() {
        Study trustOnly = new Study("t", "Trust", "Purpose", 2, List.of("TrustAssessed"),
                List.of("personTrust", "organisationTrust"), keys.seal(Study.boundContext("t", 2, List.of("TrustAssessed"),
                        List.of("personTrust", "organisationTrust")),
                        Base64.getEncoder().encodeToString(ResearchKeys.randomKey())), START, "admin");

        ResearchResult result = histories(trustOnly, List.copyOf(rows.values()), ResearchFilter.of(null, null, null));

        assertThat(result.rows()).isNotEmpty().allSatisfy(record -> {
            assertThat(record.get("outcome")).isNull();
            assertThat(record.get("predecessor")).isNull();
            assertThat(partiesOf(record)).allSatisfy(party -> {
                assertThat(party.get("organisation")).isNull();
                assertThat(party.get("type")).isNotNull();
            });
            assertThat(stepsOf(record)).extracting(step -> step.get("type")).containsOnly("TrustAssessed");
        });
        ResearchResult everything = histories(study(2), List.copyOf(rows.values()),
                ResearchFilter.of(null, null, null));
        assertThat(everything.rows()).anySatisfy(record -> assertThat(record.get("outcome")).isEqualTo("ABANDONED"));
    }

    /**
     * With the contract model generalised, whether gains or losses are shared told the model (shared savings has
     * gain sharing); an agreement's end, with its start, told the duration to the month under any band.
     */
    @Test
    void histories_hideWhatWouldUndoTheContractsGeneralisation() {
        String id = ids.get(0);
        Actor actor = new Actor("person-0@example.org", "Insurer 0");
        projection.on(new AgreementSigned(new TrajectoryId(id), new Terms(ContractModel.SHARED_SAVINGS, 36,
                new SharingArrangement(50, 100_000L, "half"), null, null), List.of(), LocalDate.of(2025, 1, 1),
                LocalDate.of(2027, 12, 31), true, actor, START.plus(Duration.ofDays(60))), histories.get(id).size());
        reload();
        Study study = study(2);
        Histories histories = new Histories(study, keys);
        String pseudonym = new Pseudonyms(study.secret(keys)).trajectory(key(id));

        for (int modelLevel = 0; modelLevel < 3; modelLevel++) {
            QuasiIdentifiers.Generalisation levels = new QuasiIdentifiers.Generalisation(
                    new int[] {0, 0, modelLevel, 0, 0}, Map.of(), 0);
            List<Map<String, Object>> released = new ArrayList<>();
            histories.write(histories.plan(List.copyOf(rows.values()), levels, ResearchFilter.of(null, null, null)),
                    steps, released::add, null);

            // the later agreement, with gain sharing
            Map<String, Object> record = released.stream()
                    .filter(row -> row.get("trajectory").equals(pseudonym)).findFirst().orElseThrow();
            Map<String, Object> agreement = stepsOf(record).stream()
                    .filter(step -> step.get("type").equals("AgreementSigned"))
                    .reduce((first, last) -> last).orElseThrow();
            assertThat(fieldsOf(agreement)).as("model level %d", modelLevel).containsKey("startDate")
                    .doesNotContainKey("endDate");
            if (modelLevel == 0) {
                assertThat(fieldsOf(agreement)).containsEntry("terms.model", "SHARED_SAVINGS")
                        .containsKey("terms.gainSharing.careProviderPercent");
            } else {
                assertThat(fieldsOf(agreement).keySet()).noneMatch(name -> name.contains("Sharing"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> partiesOf(Map<String, Object> record) {
        return (List<Map<String, Object>>) record.get("parties");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stepsOf(Map<String, Object> record) {
        return (List<Map<String, Object>>) record.get("steps");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldsOf(Map<String, Object> step) {
        return (Map<String, Object>) step.get("fields");
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
        assertThat(again.recorders).isEqualTo(summary.recorders);
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
        assertThat(first.recorders).containsExactly(keys.key("organisation", "Insurer 0"));
        assertThat(first.startYear).isEqualTo(2024);
        assertThat(first.startQuarter).isEqualTo(1);
        assertThat(first.start).doesNotContain("2024");
        assertThat(first.phases).extracting(ResearchTrajectory.PhaseEntry::day).containsExactly(0L, 1L, 6L);
        assertThat(first.lessons.get(0).tag()).isEqualTo(keys.key("tag", "planning"));
        assertThat(first.lessons.get(0).sealedTag()).doesNotContainIgnoringCase("planning");
    }
}
