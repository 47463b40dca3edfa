package nl.trajectorytracker.query.trajectoryoverview;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.query.trajectoryoverview.OverviewRevision.Checksum;

/**
 * Every summary of the overview as read at one revision, and the answers computed from them: for each search (scope,
 * filters and sort) the matching summaries in order, so a page is a slice and its total the list's size. The filters
 * and the order are those the overview collection was queried with: exact values, the title containing the text in
 * any case ({@link TitleText}), the sorted field then the id ascending.
 *
 * <p>
 * The summaries are sorted once per order; a search keeps, in that order, the summaries its filters match. As the
 * order ends with the id, which is unique, it is total, so filtering the sorted summaries gives exactly the sorted
 * matches. An order or an answer is computed once however many pages ask for it at the same time.
 */
final class OverviewSnapshot {

    private static final int KEPT_SEARCHES = 256;
    private static final int ORDERS = 2 * FindTrajectories.SORTABLE.size();
    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Instant> INSTANT = Comparator.nullsFirst(Comparator.naturalOrder());

    private final Map<String, Row> rows;
    private final Checksum checksum;
    private final Cache<Order, List<Row>> orders = Caffeine.newBuilder()
            .maximumSize(ORDERS)
            .build();
    private final Cache<Search, List<Row>> answers = Caffeine.newBuilder()
            .maximumSize(KEPT_SEARCHES)
            .build();

    OverviewSnapshot(List<TrajectorySummary> summaries) {
        this.rows = new HashMap<>();
        Checksum sum = Checksum.ZERO;
        for (TrajectorySummary summary : summaries) {
            this.rows.put(summary.id(), Row.of(summary));
            sum = sum.xor(Checksum.of(summary));
        }
        this.checksum = sum;
    }

    private OverviewSnapshot(Map<String, Row> rows, Checksum checksum) {
        this.rows = rows;
        this.checksum = checksum;
    }

    /** The revision of exactly these summaries (see {@link OverviewRevision}). */
    Checksum checksum() {
        return checksum;
    }

    /**
     * This copy with the summaries of these trajectories as {@code stored} now (one that is not stored any more is
     * left out).
     */
    OverviewSnapshot with(Collection<String> trajectories, Collection<TrajectorySummary> stored) {
        Map<String, Row> changed = new HashMap<>(rows);
        Checksum sum = checksum;
        for (String trajectory : trajectories) {
            Row before = changed.remove(trajectory);
            if (before != null) {
                sum = sum.xor(Checksum.of(before.summary()));
            }
        }
        for (TrajectorySummary summary : stored) {
            changed.put(summary.id(), Row.of(summary));
            sum = sum.xor(Checksum.of(summary));
        }
        return new OverviewSnapshot(changed, sum);
    }

    TrajectoryPage page(FindTrajectories query) {
        List<Row> matching = answers.get(Search.of(query), this::matching);
        long from = (long) query.page() * query.size();
        List<TrajectorySummary> items = from >= matching.size() ? List.of()
                : matching.subList((int) from, (int) Math.min(matching.size(), from + query.size())).stream()
                        .map(Row::summary).toList();
        return new TrajectoryPage(items, query.page(), query.size(), matching.size());
    }

    private List<Row> matching(Search search) {
        List<Row> ordered = orders.get(search.order(), this::ordered);
        return search.filtersNothing() ? ordered : ordered.stream().filter(search.filter()).toList();
    }

    private List<Row> ordered(Order order) {
        Comparator<TrajectorySummary> comparator = order.comparator();
        return rows.values().stream().sorted((a, b) -> comparator.compare(a.summary(), b.summary())).toList();
    }

    /** A summary with its title folded for searching. */
    private record Row(TrajectorySummary summary, String foldedTitle) {

        static Row of(TrajectorySummary summary) {
            return new Row(summary, TitleText.fold(summary.title()));
        }
    }

    /** What a search asks, without its page: the key of its answer. */
    private record Search(String organisation, String party, String partyType, String phase, String status,
            String text, Order order) {

        static Search of(FindTrajectories query) {
            return new Search(query.organisation(), query.party(),
                    query.partyType() == null ? null : query.partyType().name(),
                    query.phase() == null ? null : query.phase().name(), query.status(), query.text(),
                    new Order(query.sortField(), query.ascending()));
        }

        boolean filtersNothing() {
            return organisation == null && party == null && partyType == null && phase == null && status == null
                    && text == null;
        }

        Predicate<Row> filter() {
            Predicate<TrajectorySummary> filter = summary -> true;
            if (organisation != null) {
                filter = filter.and(summary -> hasParty(summary, Party::organisationName, organisation));
            }
            if (party != null) {
                filter = filter.and(summary -> hasParty(summary, Party::organisationName, party));
            }
            if (partyType != null) {
                filter = filter.and(summary -> hasParty(summary,
                        each -> each.type() == null ? null : each.type().name(), partyType));
            }
            if (phase != null) {
                filter = filter.and(summary -> phase.equals(summary.phase()));
            }
            if (status != null) {
                filter = filter.and(summary -> status.equals(summary.status()));
            }
            Predicate<TrajectorySummary> byFields = filter;
            if (text == null) {
                return row -> byFields.test(row.summary());
            }
            TitleText contained = TitleText.of(text);
            return row -> byFields.test(row.summary()) && contained.isIn(row.summary().title(), row.foldedTitle());
        }

        private static boolean hasParty(TrajectorySummary summary, Function<Party, String> field, String value) {
            return summary.parties() != null && summary.parties().stream()
                    .anyMatch(party -> party != null && value.equals(field.apply(party)));
        }
    }

    /** A sorted field and its direction, then the id ascending. */
    private record Order(String sortField, boolean ascending) {

        Comparator<TrajectorySummary> comparator() {
            Comparator<TrajectorySummary> byField = switch (sortField) {
                case "startedAt" -> Comparator.comparing(TrajectorySummary::startedAt, INSTANT);
                case "title" -> Comparator.comparing(TrajectorySummary::title, TEXT);
                case "phase" -> Comparator.comparing(TrajectorySummary::phase, TEXT);
                case "status" -> Comparator.comparing(TrajectorySummary::status, TEXT);
                case "version" -> Comparator.comparingLong(TrajectorySummary::version);
                default -> Comparator.comparing(TrajectorySummary::lastActivityAt, INSTANT);
            };
            return (ascending ? byField : byField.reversed()).thenComparing(TrajectorySummary::id);
        }
    }
}
