package nl.trajectorytracker.query.trajectoryoverview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;

/**
 * A page of the overview holds the summaries that match every filter, the title containing the text in any case,
 * sorted by the field then the id: checked against that definition over many generated summaries and searches.
 */
class OverviewSnapshotTest {

    private static final List<String> WORDS = List.of("Care", "care", "CARE", "Zorggroep", "Noord", "Twente",
            "diabetes", "Diabetes", "elderly", "Straße", "STRASSE", "İzmir", "ı", "ſ", "\u212Aelvin", "a.k.a.",
            "five+",
            "1", "2026", "(", " ");
    private static final List<String> ORGANISATIONS = List.of("Zilveren Kruis", "Menzis", "Ziekenhuis Amstelland",
            "Gemeente Amstelveen");
    private static final List<String> TEXTS = List.of("care", "CaRe", "noord", "zorg", "ss", "STRASSE", "straße", "i",
            "İ", "ı", "S", "s", "k", "K", "\u212A", "a.k.a.", "five+", "1", " ", "(", "e", "2026 ", "absent");
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    private final Random random = new Random(20261207);

    @Test
    void everySearch_answersAsFilteringAndSortingTheWholeOverviewWould() {
        List<TrajectorySummary> summaries = summaries(600);
        OverviewSnapshot snapshot = new OverviewSnapshot(summaries);
        for (int i = 0; i < 400; i++) {
            FindTrajectories query = randomQuery();
            assertThat(snapshot.page(query)).as("%s", query).isEqualTo(expected(summaries, query));
        }
    }

    @Test
    void aPatchedCopy_answersAsACopyReadWhole() {
        List<TrajectorySummary> summaries = summaries(300);
        OverviewSnapshot snapshot = new OverviewSnapshot(summaries);
        FindTrajectories query = new FindTrajectories(0, 50, null, null, null, null, null, "care", null);
        snapshot.page(query);

        List<TrajectorySummary> changed = new ArrayList<>(summaries);
        TrajectorySummary renamed = summaries.get(7);
        changed.set(7, new TrajectorySummary(renamed.id(), "Now about CARE", renamed.parties(), renamed.phase(),
                renamed.status(), renamed.startedAt(), renamed.startedBy(), AT.plusSeconds(1_000_000),
                renamed.version() + 1, null, null));
        TrajectorySummary gone = changed.remove(11);
        OverviewSnapshot patched = snapshot.with(List.of(renamed.id(), gone.id()), List.of(changed.get(7)));

        assertThat(patched.checksum()).isEqualTo(new OverviewSnapshot(changed).checksum());
        assertThat(patched.page(query)).isEqualTo(expected(changed, query));
        assertThat(patched.page(query).items().get(0).title()).isEqualTo("Now about CARE");
    }

    @Test
    void searchesAskedAtTheSameTime_getTheSameAnswer() throws Exception {
        List<TrajectorySummary> summaries = summaries(2_000);
        OverviewSnapshot snapshot = new OverviewSnapshot(summaries);
        List<FindTrajectories> queries = List.of(
                new FindTrajectories(0, 20, null, null, null, null, null, "care", null),
                new FindTrajectories(1, 20, null, null, null, null, null, "care", null),
                new FindTrajectories(0, 20, "Menzis", null, null, null, null, "noord", "title,asc"),
                new FindTrajectories(2, 20));
        int clients = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<TrajectoryPage>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                FindTrajectories query = queries.get(i % queries.size());
                Callable<TrajectoryPage> ask = () -> {
                    start.await();
                    return snapshot.page(query);
                };
                answers.add(pool.submit(ask));
            }
            start.countDown();
            for (int i = 0; i < clients; i++) {
                FindTrajectories query = queries.get(i % queries.size());
                assertThat(answers.get(i).get()).isEqualTo(expected(summaries, query));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<TrajectorySummary> summaries(int count) {
        List<TrajectorySummary> summaries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String title = i % 50 == 0 ? null
                    : pick(WORDS) + " " + pick(WORDS) + (random.nextBoolean() ? "" : " " + pick(WORDS));
            List<Party> parties = List.of(new Party(pick(ORGANISATIONS), PartyType.INSURER),
                    new Party(pick(ORGANISATIONS), pick(List.of(PartyType.values()))));
            String phase = pick(List.of(Phase.values())).name();
            boolean concluded = random.nextInt(4) == 0;
            // few distinct instants and versions, so that many summaries tie and the id decides
            Instant started = i % 40 == 0 ? null : AT.plusSeconds(60L * random.nextInt(20));
            Instant last = AT.plusSeconds(3_600L * random.nextInt(30));
            summaries.add(new TrajectorySummary(new UUID(random.nextLong(), random.nextLong()).toString(), title,
                    parties, phase, concluded ? "CONCLUDED" : "ACTIVE", started, "anna", last, random.nextInt(10),
                    concluded ? "AGREED" : null, concluded ? "why" : null));
        }
        return summaries;
    }

    private FindTrajectories randomQuery() {
        String sort = random.nextInt(3) == 0 ? null
                : pick(FindTrajectories.SORTABLE)
                        + (random.nextBoolean() ? "" : random.nextBoolean() ? ",asc" : ",desc");
        return new FindTrajectories(random.nextInt(3), 1 + random.nextInt(30),
                random.nextInt(3) == 0 ? pick(ORGANISATIONS) : null,
                random.nextInt(4) == 0 ? pick(List.of(Phase.values())) : null,
                random.nextInt(4) == 0 ? pick(FindTrajectories.STATUSES) : null,
                random.nextInt(4) == 0 ? pick(List.of(PartyType.values())) : null,
                random.nextInt(4) == 0 ? pick(ORGANISATIONS) : null,
                random.nextInt(4) != 0 ? pick(TEXTS) : null, sort);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The definition: every summary that matches, sorted, then the page's slice. */
    private static TrajectoryPage expected(List<TrajectorySummary> summaries, FindTrajectories query) {
        Predicate<TrajectorySummary> matches = summary -> (query.organisation() == null
                || hasOrganisation(summary, query.organisation()))
                && (query.party() == null || hasOrganisation(summary, query.party()))
                && (query.partyType() == null || summary.parties().stream()
                        .anyMatch(party -> party.type() == query.partyType()))
                && (query.phase() == null || query.phase().name().equals(summary.phase()))
                && (query.status() == null || query.status().equals(summary.status()))
                && (query.text() == null || summary.title() != null && Pattern.compile(Pattern.quote(query.text()),
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(summary.title()).find());
        Comparator<TrajectorySummary> byField = switch (query.sortField()) {
            case "startedAt" -> Comparator.comparing(TrajectorySummary::startedAt,
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            case "title" -> Comparator.comparing(TrajectorySummary::title,
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            case "phase" -> Comparator.comparing(TrajectorySummary::phase);
            case "status" -> Comparator.comparing(TrajectorySummary::status);
            case "version" -> Comparator.comparingLong(TrajectorySummary::version);
            default -> Comparator.comparing(TrajectorySummary::lastActivityAt);
        };
        List<TrajectorySummary> all = summaries.stream().filter(matches)
                .sorted((query.ascending() ? byField : byField.reversed()).thenComparing(TrajectorySummary::id))
                .toList();
        int from = Math.min(all.size(), query.page() * query.size());
        return new TrajectoryPage(all.subList(from, Math.min(all.size(), from + query.size())), query.page(),
                query.size(), all.size());
    }

    private static boolean hasOrganisation(TrajectorySummary summary, String organisation) {
        return summary.parties().stream().anyMatch(party -> party.organisationName().equals(organisation));
    }
}
