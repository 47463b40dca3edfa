package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/**
 * The attacks of issue 27, as a curious researcher would try them on the releases, and the kick-off poll that must
 * still come out as it did.
 */
class DisclosureTest {

    private static final int K = 5;
    private static final ResearchFilter ALL = ResearchFilter.of(null, null, null);

    private final Population population = new Population();
    private final ReleaseMemory memory = ReleaseMemory.inMemory();
    private final InMemoryMongo mongo = new InMemoryMongo();
    private final Study study = population.study("study", K);

    @AfterEach
    void stopMongo() {
        mongo.close();
    }

    private ResearchResult aggregate(String view, ResearchFilter filter) {
        return new ResearchViews(study, population.keys, memory).aggregate(view, population.trajectories, filter);
    }

    private static Map<String, Object> row(ResearchResult result, String column, String value) {
        return result.rows().stream().filter(row -> value.equals(row.get(column))).findFirst().orElse(null);
    }

    /**
     * Thirty trajectories, twenty of whose negotiators trust the person across the table (4 or 5), ten of those also
     * the organisation. One (the thirtieth) is between an insurer and a municipality, the rest between an insurer and
     * a care provider; it trusts the person 5 and the organisation 2, as in the issue.
     */
    private void thirtyTrajectories() {
        for (int i = 0; i < 30; i++) {
            ResearchTrajectory trajectory = i == 29
                    ? population.add("t" + i, 2025, 2, "INSURER", "Insurer " + i, "MUNICIPALITY", "Gemeente " + i)
                    : population.add("t" + i, 2025, 2, "INSURER", "Insurer " + i, "CARE_PROVIDER", "Provider " + i);
            int person = i < 20 ? 4 + i % 2 : 1 + i % 3;
            int organisation = i < 20 && i >= 10 ? 4 : 2;
            if (i == 29) {
                person = 5;
                organisation = 2;
            }
            Population.trust(trajectory, "CO_DESIGN", person, organisation);
        }
        // the thirtieth is among the twenty who trust the person (not the organisation): the first makes room
        ResearchTrajectory first = population.trajectories.get(0);
        first.trust.clear();
        Population.trust(first, "CO_DESIGN", 2, 2);
    }

    @Test
    void theKickOffPoll_stillAnswersTwoThirdsTrustThePerson_andHalfOfThoseTheOrganisation() {
        thirtyTrajectories();

        Map<String, Object> coDesign = row(aggregate("trust", ALL), "phase", "CO_DESIGN");

        assertThat(coDesign.get("trajectories")).isEqualTo(30);
        assertThat(coDesign.get("trustPersonShare")).isEqualTo(0.6667);
        assertThat(coDesign.get("alsoTrustOrganisationShare")).isEqualTo(0.5);
    }

    /** All thirty minus the twenty-nine with a care provider would give the thirtieth's scores exactly. */
    @Test
    void differencing_allThirtyMinusTheTwentyNineWithACareProvider_isolatesNoTrajectory() {
        thirtyTrajectories();

        ResearchResult everyone = aggregate("trust", ALL);
        ResearchResult withCareProvider = aggregate("trust", ResearchFilter.of("CARE_PROVIDER", null, null));

        Map<String, Object> all = row(everyone, "phase", "CO_DESIGN");
        Map<String, Object> most = row(withCareProvider, "phase", "CO_DESIGN");
        assertThat(all).isNotNull();
        if (most != null) {
            int difference = (Integer) all.get("trajectories") - (Integer) most.get("trajectories");
            assertThat(difference).as("trajectories between the two releases").satisfiesAnyOf(
                    d -> assertThat(d).isZero(), d -> assertThat(d).isGreaterThanOrEqualTo(K));
        }
        assertThat(withCareProvider.rows()).isEmpty();
        assertThat(withCareProvider.suppressed().get(0).reason()).contains("fewer than k=5 trajectories");
    }

    /**
     * One municipality's trajectory with a care provider in 2024, alone in its group, and four more of that kind
     * that a researcher who is also a municipality's negotiator recorded, backdated, with invented providers: seven
     * organisations among the parties made the group one of k, and the researcher's own four scores subtracted from
     * its row left the other's. Organisations are counted by who recorded the steps.
     */
    @Test
    void fakeTrajectories_ofOneOrganisation_withInventedPartners_doNotMakeAGroupReleased() {
        List<ResearchTrajectory> group = municipalitiesIn2024();
        for (ResearchTrajectory fake : group.subList(1, K)) {
            population.recordedOnlyBy(fake, "Gemeente Mallory");
        }

        ResearchResult trust = aggregate("trust", ResearchFilter.of(null, 2024, null));

        assertThat(trust.rows()).isEmpty();
        assertThat(trust.suppressed().get(0).reason()).contains("fewer than k=5");
    }

    /** The same five trajectories, recorded by five municipalities and their providers, are released. */
    @Test
    void theSameGroup_recordedByKOrganisations_isReleased() {
        municipalitiesIn2024();

        ResearchResult trust = aggregate("trust", ResearchFilter.of(null, 2024, null));

        assertThat(row(trust, "phase", "CO_DESIGN")).isNotNull()
                .satisfies(row -> assertThat(row.get("trajectories")).isEqualTo(K));
    }

    /**
     * Five trajectories of five municipalities with their providers, started in 2024, trusting the person; and ten
     * of insurers with providers in 2025, so that the five are a group that a filter on the year selects.
     */
    private List<ResearchTrajectory> municipalitiesIn2024() {
        for (int i = 0; i < 2 * K; i++) {
            Population.trust(population.add("i" + i, 2025, 2, "INSURER", "Insurer " + i, "CARE_PROVIDER",
                    "Provider " + i), "CO_DESIGN", 2 + i % 3, 2);
        }
        List<ResearchTrajectory> group = new ArrayList<>();
        for (int i = 0; i < K; i++) {
            ResearchTrajectory trajectory = population.add("m" + i, 2024, 1, "MUNICIPALITY", "Gemeente " + i,
                    "CARE_PROVIDER", "Thuiszorg " + i);
            Population.trust(trajectory, "CO_DESIGN", 5, 1 + i % 3);
            group.add(trajectory);
        }
        return group;
    }

    @Test
    void histories_aUniquePartyTypeCombination_isNotReleasedAsSuch() {
        thirtyTrajectories();

        ResearchResult histories = new Histories(study, population.keys).all(population.trajectories, ALL,
                new ResearchSteps(mongo.template()));

        Map<String, Integer> quasiIdentifiers = new HashMap<>();
        for (Map<String, Object> record : histories.rows()) {
            quasiIdentifiers.merge(quasiIdentifiers(record), 1, Integer::sum);
        }
        assertThat(quasiIdentifiers.values()).allMatch(count -> count >= K);
        assertThat(histories.rows()).noneMatch(record -> quasiIdentifiers(record).contains("MUNICIPALITY"));
        assertThat(histories.anonymisation()).containsEntry("suppressedTrajectories", 1);

        ResearchResult municipalities = new Histories(study, population.keys).all(population.trajectories,
                ResearchFilter.of("MUNICIPALITY", null, null), new ResearchSteps(mongo.template()));
        assertThat(municipalities.rows()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static String quasiIdentifiers(Map<String, Object> record) {
        List<String> types = new ArrayList<>();
        ((List<Map<String, Object>>) record.get("parties"))
                .forEach(party -> types.add(String.valueOf(party.get("type"))));
        types.sort(null);
        return types + "|" + record.get("startYear") + "|" + record.get("startQuarter");
    }

    /** Nine goals: six of quality in six trajectories, three of cost in three; 6 / (6/9) would give the three. */
    @Test
    void goals_aShareOfTheTotal_doesNotRevealTheSuppressedCell() {
        for (int i = 0; i < 6; i++) {
            ResearchTrajectory trajectory = population.add("g" + i, 2025, 1, "INSURER", "I" + i, "CARE_PROVIDER",
                    "P" + i);
            trajectory.goalDimensions.add("QUALITY_OF_CARE");
            if (i < 3) {
                trajectory.goalDimensions.add("COST_EFFICIENCY");
            }
        }

        ResearchResult goals = aggregate("goals", ALL);

        assertThat(goals.rows()).noneMatch(row -> row.get("goalShare") != null && row.get("goals") != null
                && Math.round((Integer) row.get("goals") / (Double) row.get("goalShare"))
                        - (Integer) row.get("goals") == 3);
        assertThat(goals.suppressed()).extracting(ResearchResult.Suppression::cell)
                .containsExactly("dimension=QUALITY_OF_CARE", "dimension=COST_EFFICIENCY",
                        "dimension=POPULATION_HEALTH", "dimension=STAFF_WORK_SATISFACTION");
    }

    /** One negotiator alone uses a tag in five trajectories: it is theirs, not the field's. */
    @Test
    void lessons_aTagUsedByOneOrganisationOnly_isNotReleased() {
        for (int i = 0; i < 6; i++) {
            ResearchTrajectory trajectory = population.add("l" + i, 2025, 1, "INSURER", "I" + i, "CARE_PROVIDER",
                    "P" + i);
            population.lesson(trajectory, "PITFALL", "NEGOTIATION", "our-secret-project", "I0");
            population.lesson(trajectory, "PITFALL", "NEGOTIATION", "planning", "I" + i);
        }

        ResearchResult lessons = aggregate("lessons", ALL);

        assertThat(lessons.rows()).extracting(row -> row.get("tag")).containsExactly("planning");
        assertThat(lessons.suppressed()).extracting(ResearchResult.Suppression::reason)
                .singleElement().asString().startsWith("not described");
        assertThat(lessons.toString()).doesNotContain("our-secret-project");

        // one more rare tag, by one organisation on one trajectory: listed one per tag, the suppressed cells grew
        // by one at once, and told the step
        population.lesson(population.trajectories.get(1), "PITFALL", "NEGOTIATION", "another-rare-one", "I1");
        assertThat(aggregate("lessons", ALL).suppressed()).isEqualTo(lessons.suppressed());
    }

    /** Ten trajectories of one group released in the trust view, then an eleventh with scores of its own. */
    private void tenTrajectoriesReleased_thenAnEleventh() {
        for (int i = 0; i < 10; i++) {
            Population.trust(population.add("o" + i, 2025, 1, "INSURER", "I" + i, "CARE_PROVIDER", "P" + i),
                    "CO_DESIGN", 3, 3);
        }
        assertThat(aggregate("trust", ALL).rows()).hasSize(1);
        Population.trust(population.add("o10", 2025, 1, "INSURER", "I10", "CARE_PROVIDER", "P10"), "CO_DESIGN", 5, 1);
    }

    private void trajectoriesTrustingFour(int from, int to) {
        for (int i = from; i < to; i++) {
            Population.trust(population.add("o" + i, 2025, 1, "INSURER", "I" + i, "CARE_PROVIDER", "P" + i),
                    "CO_DESIGN", 4, 4);
        }
    }

    /** A release, one trajectory more, the same release again: the difference would be the new trajectory. */
    @Test
    void overlapControl_aReleaseThatDiffersFromAnEarlierOneByFewerThanK_isHeldBack() {
        tenTrajectoriesReleased_thenAnEleventh();
        ResearchResult oneMore = aggregate("trust", ALL);

        assertThat(oneMore.rows()).isEmpty();
        assertThat(oneMore.suppressed().get(0).reason()).contains("changed by fewer than k=5");

        trajectoriesTrustingFour(11, 15);
        assertThat(aggregate("trust", ALL).rows()).singleElement()
                .satisfies(row -> assertThat(row.get("trajectories")).isEqualTo(15));
    }

    /**
     * A second study of the same trajectories, created after the first released a group: one trajectory more in its
     * release of the group would be that trajectory's scores, as within one study. Its k, even a larger one, makes
     * no difference: two studies differ by at least the smaller of their k.
     */
    @Test
    void overlapControl_holdsAcrossStudies_soThatASecondStudyIsNoWayAround() {
        tenTrajectoriesReleased_thenAnEleventh();
        for (Study second : List.of(population.study("second", K), population.study("larger", K + 1))) {
            ResearchResult elsewhere = new ResearchViews(second, population.keys, memory).aggregate("trust",
                    population.trajectories, ALL);

            assertThat(elsewhere.rows()).as(second.id()).isEmpty();
            assertThat(elsewhere.suppressed().get(0).reason()).contains("changed by fewer than k=");
        }

        // a study with a smaller k releases what differs by its k: no less than the first study could tell apart
        trajectoriesTrustingFour(11, 13);
        ResearchResult smaller = new ResearchViews(population.study("smaller", 3), population.keys, memory)
                .aggregate("trust", population.trajectories, ALL);
        assertThat(smaller.rows()).singleElement()
                .satisfies(row -> assertThat(row.get("trajectories")).isEqualTo(13));
    }

    /**
     * A histories release, one trajectory started, the same release again: the one new pseudonym was that trajectory
     * to anyone who knew it had just started. Newcomers wait until k of their group have come.
     */
    @Test
    void histories_aRecordNewSinceTheLastRelease_isHeldBack_untilKOfItsGroupHaveCome() {
        thirtyTrajectories();
        Histories histories = new Histories(study, population.keys, memory, LocalDate.MAX);
        ResearchSteps steps = new ResearchSteps(mongo.template());
        Set<Object> before = pseudonyms(histories.all(population.trajectories, ALL, steps));

        population.add("new-0", 2025, 2, "INSURER", "Insurer 0", "CARE_PROVIDER", "Provider 0");
        ResearchResult oneMore = histories.all(population.trajectories, ALL, steps);

        assertThat(pseudonyms(oneMore)).isEqualTo(before);
        assertThat(oneMore.suppressed()).extracting(ResearchResult.Suppression::reason)
                .anyMatch(reason -> reason.contains("held back until at least k=5"));
        for (int i = 1; i < K; i++) {
            population.add("new-" + i, 2025, 2, "INSURER", "Insurer " + i, "CARE_PROVIDER", "Provider " + i);
        }
        assertThat(pseudonyms(histories.all(population.trajectories, ALL, steps))).containsAll(before)
                .hasSize(before.size() + K);
        // another study of the same trajectories is no way around it: it remembers what every study released
        population.add("new-late", 2025, 2, "INSURER", "Insurer 9", "CARE_PROVIDER", "Provider 9");
        ResearchResult elsewhere = new Histories(population.study("other", K), population.keys, memory, LocalDate.MAX)
                .all(population.trajectories, ALL, steps);
        assertThat(elsewhere.rows()).hasSize(before.size() + K);
        // nor one of a smaller k: what it shows two at a time is not known to a study of k = 5, which holds it back
        population.add("new-late-2", 2025, 2, "INSURER", "Insurer 8", "CARE_PROVIDER", "Provider 8");
        ResearchResult smallK = new Histories(population.study("small", 2), population.keys, memory, LocalDate.MAX)
                .all(population.trajectories, ALL, steps);
        assertThat(smallK.rows()).hasSize(before.size() + K + 2);
        assertThat(pseudonyms(histories.all(population.trajectories, ALL, steps))).hasSize(before.size() + K);
    }

    private static Set<Object> pseudonyms(ResearchResult histories) {
        return histories.rows().stream().map(row -> row.get("trajectory")).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Two trajectories at k=2, one fulfilled, one abandoned: each cell was listed as "fewer than k=2" (so: one) and
     * the empty outcomes not at all, which told both outcomes. Now every outcome is listed, for one reason.
     */
    @Test
    void suppressedCells_tellNotWhichAreSmall_whichEmpty_orWhy() {
        Study small = population.study("small-k", 2);
        ResearchTrajectory fulfilled = population.add("fulfilled", 2023, 1, "INSURER", "Insurer A",
                "CARE_PROVIDER", "Provider A");
        ResearchTrajectory abandoned = population.add("abandoned", 2023, 1, "INSURER", "Insurer B",
                "CARE_PROVIDER", "Provider B");
        fulfilled.outcome = "AGREEMENT_FULFILLED";
        abandoned.outcome = "ABANDONED";

        ResearchResult outcomes = new ResearchViews(small, population.keys, memory).aggregate("outcomes",
                population.trajectories, ALL);

        assertThat(outcomes.rows()).isEmpty();
        assertThat(outcomes.suppressed()).extracting(ResearchResult.Suppression::cell).containsExactly(
                "outcome=AGREEMENT_FULFILLED", "outcome=FALLBACK_TO_BATNA", "outcome=ABANDONED", "outcome=ONGOING");
        assertThat(outcomes.suppressed()).extracting(ResearchResult.Suppression::reason)
                .containsOnly(outcomes.suppressed().get(0).reason());
    }
}
