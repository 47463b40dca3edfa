package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import nl.trajectorytracker.query.research.ResearchResult.Suppression;

/**
 * The one way an aggregate leaves the service. A view only says which cells it has (a label, the trajectories it
 * describes, and how to compute its row from them) and which cells add up to a total; this class decides what is
 * released, by these rules, in this order:
 *
 * <ol>
 * <li><b>Filter groups.</b> A filter selects whole {@linkplain FilterClasses groups} of at least {@code k}
 * trajectories and {@code k} organisations; small groups form a rest that only the unfiltered population holds.</li>
 * <li><b>Overlap control.</b> A group whose trajectories differ from an earlier release of the same group by fewer
 * than {@code k} (new trajectories since) is held back until it differs by at least {@code k}.</li>
 * <li><b>The population and its complement.</b> The filtered population must hold at least {@code k} trajectories
 * and {@code k} organisations, and so must the study's trajectories it leaves out (unless it leaves none out).</li>
 * <li><b>Cells, by piece.</b> A cell is released as the union of its pieces (its trajectories within one group) that
 * hold at least {@code k} trajectories and {@code k} organisations and do not differ from an earlier release of the
 * same piece by fewer than {@code k}; its row is computed from those trajectories only. So two releases of the same
 * cell, under any filters, differ by whole pieces of at least {@code k} trajectories: no difference of releases
 * singles one out. A cell with no such piece is suppressed, named without the values that would identify it.</li>
 * <li><b>Complementary suppression.</b> In cells that add up to a released total (or whose shares reveal it), the
 * trajectories held back must be none or at least {@code k} trajectories of {@code k} organisations; until they
 * are, the smallest released cell is held back too.</li>
 * <li><b>Memory.</b> What was released is remembered ({@link ReleaseMemory}) for the overlap control, across studies:
 * two studies of the same trajectories differ by at least the smaller of their {@code k}, as two releases of one
 * do.</li>
 * </ol>
 *
 * Statistics of a released cell are computed over at least {@code k} trajectories each ({@link Statistics}).
 */
final class Release {

    private final Study study;
    private final int k;
    private final ReleaseMemory memory;

    Release(Study study, ReleaseMemory memory) {
        this.study = study;
        this.k = study.k();
        this.memory = memory;
    }

    /** The cells of one aggregate view over a released population. */
    interface View {
        void cells(Set<ResearchTrajectory> population, Table table);
    }

    /** Releases an aggregate view of the study's trajectories under a filter. */
    ResearchResult aggregate(String view, Collection<ResearchTrajectory> all, ResearchFilter filter, View cells) {
        return aggregate(view, all, FilterClasses.of(all, k), filter, cells);
    }

    /** The same, with the filter groups of these trajectories for the study's k made already. */
    ResearchResult aggregate(String view, Collection<ResearchTrajectory> all, FilterClasses classes,
            ResearchFilter filter, View cells) {
        List<Suppression> suppressed = new ArrayList<>();
        Map<String, long[]> remembered = new LinkedHashMap<>();

        Map<String, List<ResearchTrajectory>> selected = new LinkedHashMap<>();
        classes.groups().forEach((key, members) -> {
            if (FilterClasses.selects(filter, key)) {
                selected.put(key, members);
            }
        });
        Map<String, long[]> groupSets = new LinkedHashMap<>();
        selected.forEach((key, members) -> groupSets.put("group/" + key, set(members)));
        Map<String, List<ReleaseMemory.Released>> earlierGroups = memory.earlier(study.id(), k, groupSets.keySet());
        Set<ResearchTrajectory> population = new LinkedHashSet<>();
        boolean heldBack = false;
        for (Map.Entry<String, List<ResearchTrajectory>> group : selected.entrySet()) {
            String scope = "group/" + group.getKey();
            if (changedByFewerThanK(groupSets.get(scope), earlierGroups.get(scope))) {
                heldBack = true;
                continue;
            }
            population.addAll(group.getValue());
            remembered.put(scope, groupSets.get(scope));
        }
        String refused = refusal(population, all, heldBack);
        if (refused != null) {
            suppressed.add(new Suppression("all", refused));
            return new ResearchResult(view, k, filter.asMap(), null, List.of(), List.of(), suppressed, Map.of());
        }

        Table table = new Table();
        cells.cells(population, table);
        table.release(view, classes, suppressed, remembered);
        memory.remember(k, remembered);
        List<Map<String, Object>> rows = table.rows();
        return new ResearchResult(view, k, filter.asMap(), population.size(), rows, rows, suppressed, Map.of(),
                table.releasedMembers());
    }

    /** Why the population may not be described, or null when it may. */
    private String refusal(Set<ResearchTrajectory> population, Collection<ResearchTrajectory> all,
            boolean heldBack) {
        String small = tooSmall(population);
        if (small != null) {
            return "the filtered population has " + small + (heldBack
                    ? " (groups that changed by fewer than k=" + k + " trajectories since an earlier release are held"
                            + " back)"
                    : "");
        }
        List<ResearchTrajectory> complement = all.stream().filter(t -> !population.contains(t)).toList();
        if (!complement.isEmpty() && tooSmall(complement) != null) {
            return "the trajectories the filter leaves out have " + tooSmall(complement)
                    + ": with the unfiltered population they would be described by subtraction";
        }
        return null;
    }

    /** Why a group of trajectories is too small to describe, or null. */
    String tooSmall(Collection<ResearchTrajectory> members) {
        if (members.size() < k) {
            return "fewer than k=" + k + " trajectories";
        }
        if (FilterClasses.fewerOrganisationsThan(members, k)) {
            return "fewer than k=" + k + " organisations";
        }
        return null;
    }

    /** Whether a set differs from one released before (in any study) by fewer than the smaller of their k. */
    private boolean changedByFewerThanK(long[] now, List<ReleaseMemory.Released> earlier) {
        if (earlier == null) {
            return false;
        }
        for (ReleaseMemory.Released before : earlier) {
            int difference = ReleaseMemory.symmetricDifference(now, before.members());
            if (difference > 0 && difference < Math.min(k, before.k())) {
                return true;
            }
        }
        return false;
    }

    /** The trajectories as a sorted set of 64-bit prefixes of their keys. */
    static long[] set(Collection<ResearchTrajectory> members) {
        return members.stream().mapToLong(ResearchTrajectory::prefix).sorted().distinct().toArray();
    }

    /** The cells of a view, in order, and the groups of them that add up to a total. */
    final class Table {

        private final List<Cell> cells = new ArrayList<>();
        private final Map<String, Cell> byLabel = new LinkedHashMap<>();
        private final List<Partition> partitions = new ArrayList<>();

        /**
         * A cell: its label (released, so it names no value that identifies anyone), the trajectories it describes,
         * and its row, computed from the trajectories that are released.
         */
        void cell(String label, Collection<ResearchTrajectory> members,
                Function<Set<ResearchTrajectory>, Map<String, Object>> row) {
            cell(label, label, members, row);
        }

        /**
         * A cell whose label is shared with others or too revealing to be stored: {@code key} tells it apart from
         * every other cell of the view (in the release memory too), {@code label} names it when it is suppressed.
         */
        void cell(String label, String key, Collection<ResearchTrajectory> members,
                Function<Set<ResearchTrajectory>, Map<String, Object>> row) {
            cell(label, key, members, released -> null, row);
        }

        /** A cell with a further condition on its released trajectories: {@code refusal} gives why not, or null. */
        void cell(String label, String key, Collection<ResearchTrajectory> members,
                Function<Set<ResearchTrajectory>, String> refusal,
                Function<Set<ResearchTrajectory>, Map<String, Object>> row) {
            Cell cell = new Cell(label, key, new LinkedHashSet<>(members), refusal, row);
            cells.add(cell);
            byLabel.put(key, cell);
        }

        /**
         * Cells (by key) that add up to a total the release reveals: the population ({@code totalLabel} null) or the
         * released trajectories of another cell.
         */
        void partition(String totalLabel, List<String> labels) {
            partitions.add(new Partition(totalLabel, labels));
        }

        private void release(String view, FilterClasses classes, List<Suppression> suppressed,
                Map<String, long[]> remembered) {
            Map<String, Map<String, List<ResearchTrajectory>>> pieces = new LinkedHashMap<>();
            Map<String, long[]> pieceSets = new LinkedHashMap<>();
            for (Cell cell : cells) {
                Map<String, List<ResearchTrajectory>> byGroup = new LinkedHashMap<>();
                for (ResearchTrajectory member : cell.members) {
                    byGroup.computeIfAbsent(classes.classOf(member), x -> new ArrayList<>()).add(member);
                }
                pieces.put(cell.key, byGroup);
                byGroup.forEach((group, members) -> pieceSets.put(scope(view, cell.key, group), set(members)));
            }
            Map<String, List<ReleaseMemory.Released>> earlier = memory.earlier(study.id(), k, pieceSets.keySet());
            for (Cell cell : cells) {
                if (cell.members.isEmpty()) {
                    continue;
                }
                for (Map.Entry<String, List<ResearchTrajectory>> piece : pieces.get(cell.key).entrySet()) {
                    String scope = scope(view, cell.key, piece.getKey());
                    if (tooSmall(piece.getValue()) == null
                            && !changedByFewerThanK(pieceSets.get(scope), earlier.get(scope))) {
                        cell.released.addAll(piece.getValue());
                        cell.scopes.add(scope);
                    }
                }
                String refused = cell.released.isEmpty() ? null : cell.refusal.apply(cell.released);
                cell.suppressed = refused != null || cell.released.isEmpty();
            }
            for (Partition partition : partitions) {
                complement(partition);
            }
            // in the order of the cells, each for the same reason, and the empty ones with them once any cell is not
            // described: a reason per cell, the order (the cells hidden to protect others came last) and the empty
            // cells left out told how many a cell held
            boolean anyNotDescribed = cells.stream().anyMatch(cell -> cell.suppressed);
            for (Cell cell : cells) {
                if (cell.suppressed || anyNotDescribed && cell.members.isEmpty()) {
                    suppressed.add(new Suppression(cell.label, notDescribed()));
                }
            }
            for (Cell cell : cells) {
                if (!cell.suppressed && !cell.released.isEmpty()) {
                    cell.scopes.forEach(scope -> remembered.put(scope, pieceSets.get(scope)));
                }
            }
        }

        /**
         * Why a cell is not described, the same for every one: a reason per cell (fewer than k trajectories, fewer
         * than k organisations, no group big enough, changed since an earlier release, hidden to protect another)
         * told how many it held, and with the total of a small population, exactly how many (k=2: "fewer than k" is
         * one).
         */
        private String notDescribed() {
            return "not described: none, or fewer than k=" + k + " trajectories or organisations (in each group of"
                    + " its trajectories), or changed by fewer than k since an earlier release, or hidden so that"
                    + " another cell cannot be told by subtraction";
        }

        private String scope(String view, String label, String group) {
            return "piece/" + view + "/" + label + "/" + group;
        }

        /** Complementary suppression within one partition. */
        private void complement(Partition partition) {
            Cell total = partition.totalLabel == null ? null : byLabel.get(partition.totalLabel);
            if (total != null && (total.suppressed || total.released.isEmpty())) {
                return; // no total released: nothing follows by subtraction
            }
            List<Cell> parts = partition.labels.stream().map(byLabel::get).filter(c -> c != null).toList();
            Set<ResearchTrajectory> universe = new HashSet<>();
            if (total != null) {
                universe.addAll(total.released);
            } else {
                parts.forEach(part -> universe.addAll(part.members));
            }
            Set<ResearchTrajectory> covered = new HashSet<>();
            Set<ResearchTrajectory> hidden = new HashSet<>();
            for (Cell part : parts) {
                for (ResearchTrajectory member : part.members) {
                    if (!universe.contains(member)) {
                        continue;
                    }
                    covered.add(member);
                    if (part.suppressed || !part.released.contains(member)) {
                        hidden.add(member);
                    }
                }
            }
            universe.stream().filter(t -> !covered.contains(t)).forEach(hidden::add);
            while (!hidden.isEmpty() && tooSmall(hidden) != null) {
                Cell smallest = parts.stream().filter(part -> !part.suppressed && !part.released.isEmpty())
                        .min(Comparator.comparingInt(part -> part.released.size())).orElse(null);
                if (smallest == null) {
                    return;
                }
                smallest.suppressed = true;
                hidden.addAll(smallest.released);
            }
        }

        private List<Map<String, Object>> rows() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Cell cell : cells) {
                if (!cell.suppressed && !cell.released.isEmpty()) {
                    rows.add(cell.row.apply(cell.released));
                }
            }
            return rows;
        }

        private Map<String, long[]> releasedMembers() {
            Map<String, long[]> released = new LinkedHashMap<>();
            for (Cell cell : cells) {
                if (!cell.suppressed && !cell.released.isEmpty()) {
                    released.put(cell.key, set(cell.released));
                }
            }
            return released;
        }

        /** The trajectories released in a cell (empty when it is suppressed), for shares of a released total. */
        Set<ResearchTrajectory> released(String key) {
            Cell cell = byLabel.get(key);
            return cell == null || cell.suppressed ? Set.of() : cell.released;
        }
    }

    private static final class Cell {
        final String label;
        final String key;
        final Set<ResearchTrajectory> members;
        final Function<Set<ResearchTrajectory>, String> refusal;
        final Function<Set<ResearchTrajectory>, Map<String, Object>> row;
        final Set<ResearchTrajectory> released = new LinkedHashSet<>();
        final List<String> scopes = new ArrayList<>();
        boolean suppressed;

        Cell(String label, String key, Set<ResearchTrajectory> members,
                Function<Set<ResearchTrajectory>, String> refusal,
                Function<Set<ResearchTrajectory>, Map<String, Object>> row) {
            this.label = label;
            this.key = key;
            this.refusal = refusal;
            this.members = members;
            this.row = row;
        }
    }

    private record Partition(String totalLabel, List<String> labels) {
    }
}
