package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;


/**
 * The groups a filter of an aggregate can select: the study's trajectories by what the filters look at (the
 * party-type combination, the start year and the playbook version). A group of fewer than {@code k} trajectories or
 * {@code k} organisations joins the {@linkplain #REST rest}, which no filter selects (only the unfiltered
 * population holds it); while the rest itself is smaller than that, the smallest groups join it too.
 *
 * <p>So every population a filter selects is a union of whole groups of at least {@code k} trajectories and
 * {@code k} organisations, and so is the difference between any two populations: no combination of filtered
 * releases, however many, isolates fewer than {@code k} trajectories.
 */
final class FilterClasses {

    static final String REST = "*";

    private final Map<String, List<ResearchTrajectory>> members;
    private final Map<ResearchTrajectory, String> classOf = new java.util.IdentityHashMap<>();

    private FilterClasses(Map<String, List<ResearchTrajectory>> members) {
        this.members = members;
        members.forEach((key, list) -> list.forEach(t -> classOf.put(t, key)));
    }

    static FilterClasses of(Collection<ResearchTrajectory> all, int k) {
        Map<String, List<ResearchTrajectory>> exact = new TreeMap<>();
        for (ResearchTrajectory trajectory : all) {
            exact.computeIfAbsent(key(trajectory), x -> new ArrayList<>()).add(trajectory);
        }
        List<ResearchTrajectory> rest = new ArrayList<>();
        Map<String, List<ResearchTrajectory>> kept = new LinkedHashMap<>();
        exact.forEach((key, list) -> {
            if (list.size() >= k && !fewerOrganisationsThan(list, k)) {
                kept.put(key, list);
            } else {
                rest.addAll(list);
            }
        });
        while (!rest.isEmpty() && (rest.size() < k || fewerOrganisationsThan(rest, k)) && !kept.isEmpty()) {
            String smallest = kept.entrySet().stream()
                    .min(Comparator.comparingInt((Map.Entry<String, List<ResearchTrajectory>> e) -> e.getValue().size())
                            .thenComparing(Map.Entry::getKey))
                    .orElseThrow().getKey();
            rest.addAll(kept.remove(smallest));
        }
        if (!rest.isEmpty()) {
            kept.put(REST, rest);
        }
        return new FilterClasses(kept);
    }

    private static String key(ResearchTrajectory trajectory) {
        return trajectory.partyTypes() + "|" + trajectory.startYear + "|" + trajectory.playbookVersion;
    }

    /**
     * Whether fewer than {@code k} organisations recorded these trajectories ({@link ResearchTrajectory#recorders}).
     * Counted among the parties, k organisations were one negotiator's: k - 1 trajectories of their own with
     * invented partners, put in a small group, made it released, and their own values subtracted left another's.
     */
    static boolean fewerOrganisationsThan(Collection<ResearchTrajectory> trajectories, int k) {
        return organisations(trajectories, k) < k;
    }

    /** The number of organisations, counted up to {@code enough}. */
    private static int organisations(Collection<ResearchTrajectory> trajectories, int enough) {
        Set<String> organisations = new HashSet<>();
        for (ResearchTrajectory trajectory : trajectories) {
            organisations.addAll(trajectory.recorders);
            if (organisations.size() >= enough) {
                return organisations.size();
            }
        }
        return organisations.size();
    }

    /** The groups, by key. */
    Map<String, List<ResearchTrajectory>> groups() {
        return members;
    }

    String classOf(ResearchTrajectory trajectory) {
        return classOf.get(trajectory);
    }

    /** Whether a filter selects the group: the rest only when nothing is filtered. */
    static boolean selects(ResearchFilter filter, String key) {
        if (key.equals(REST)) {
            return filter.isEmpty();
        }
        String[] parts = key.split("\\|", -1);
        return (filter.partyType() == null || List.of(parts[0].split(";")).contains(filter.partyType().name()))
                && (filter.year() == null || parts[1].equals(filter.year().toString()))
                && (filter.playbookVersion() == null || parts[2].equals(filter.playbookVersion()));
    }
}
