package nl.trajectorytracker.query.trajectoryoverview;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.query.trajectoryoverview.OverviewRevision.Checksum;

/**
 * Every summary of the overview as read at one revision, and the answers computed from them: for each search (scope,
 * filters and sort) the matching summaries in order, so a page is a slice and its total the list's size. The filters
 * and the order are those the overview collection was queried with: exact values, the title containing the text in
 * any case, the sorted field then the id ascending.
 */
final class OverviewSnapshot {

    private static final int KEPT_SEARCHES = 256;
    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Instant> INSTANT = Comparator.nullsFirst(Comparator.naturalOrder());

    private final Map<String, TrajectorySummary> summaries;
    private final Checksum checksum;
    private final Cache<Search, List<TrajectorySummary>> answers = Caffeine.newBuilder()
            .maximumSize(KEPT_SEARCHES)
            .build();

    OverviewSnapshot(List<TrajectorySummary> summaries) {
        this.summaries = new HashMap<>();
        Checksum sum = Checksum.ZERO;
        for (TrajectorySummary summary : summaries) {
            this.summaries.put(summary.id(), summary);
            sum = sum.xor(Checksum.of(summary));
        }
        this.checksum = sum;
    }

    private OverviewSnapshot(Map<String, TrajectorySummary> summaries, Checksum checksum) {
        this.summaries = summaries;
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
        Map<String, TrajectorySummary> changed = new HashMap<>(summaries);
        Checksum sum = checksum;
        for (String trajectory : trajectories) {
            TrajectorySummary before = changed.remove(trajectory);
            if (before != null) {
                sum = sum.xor(Checksum.of(before));
            }
        }
        for (TrajectorySummary summary : stored) {
            changed.put(summary.id(), summary);
            sum = sum.xor(Checksum.of(summary));
        }
        return new OverviewSnapshot(changed, sum);
    }

    TrajectoryPage page(FindTrajectories query) {
        List<TrajectorySummary> matching = answers.get(Search.of(query), this::matching);
        long from = (long) query.page() * query.size();
        List<TrajectorySummary> items = from >= matching.size() ? List.of()
                : matching.subList((int) from, (int) Math.min(matching.size(), from + query.size()));
        return new TrajectoryPage(List.copyOf(items), query.page(), query.size(), matching.size());
    }

    private List<TrajectorySummary> matching(Search search) {
        return summaries.values().stream().filter(search.filter()).sorted(search.order()).toList();
    }

    /** What a search asks, without its page: the key of its answer. */
    private record Search(String organisation, String party, String partyType, String phase, String status,
            String text, String sortField, boolean ascending) {

        static Search of(FindTrajectories query) {
            return new Search(query.organisation(), query.party(),
                    query.partyType() == null ? null : query.partyType().name(),
                    query.phase() == null ? null : query.phase().name(), query.status(), query.text(),
                    query.sortField(), query.ascending());
        }

        Predicate<TrajectorySummary> filter() {
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
            if (text != null) {
                Pattern contained = Pattern.compile(Pattern.quote(text),
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                filter = filter.and(summary -> summary.title() != null && contained.matcher(summary.title()).find());
            }
            return filter;
        }

        Comparator<TrajectorySummary> order() {
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

        private static boolean hasParty(TrajectorySummary summary, Function<Party, String> field, String value) {
            return summary.parties() != null && summary.parties().stream()
                    .anyMatch(party -> party != null && value.equals(field.apply(party)));
        }
    }
}
