package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import nl.trajectorytracker.api.values.ContractModel;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.query.research.ResearchResult.Suppression;
import nl.trajectorytracker.query.research.ResearchTrajectory.LessonPoint;
import nl.trajectorytracker.query.research.ResearchTrajectory.PhaseEntry;
import nl.trajectorytracker.query.research.ResearchTrajectory.TrustPoint;

/**
 * The aggregate views of one study. Each only says which cells it has and how a cell's row is computed from the
 * trajectories released in it; {@link Release} decides what is released. Quantiles are {@linkplain
 * Statistics#blockQuantile means of blocks of at least k values}, and a share of a sub-group is given only when its
 * base holds at least k trajectories.
 */
final class ResearchViews {

    /** The aggregate views and the event type each needs the study to see (any one of them). */
    static final Map<String, List<String>> AGGREGATES = Map.of(
            "phase-durations", List.of("PhaseAdvanced"),
            "outcomes", List.of("TrajectoryConcluded"),
            "contracts", List.of("AgreementSigned", "ContractAmended"),
            "goals", List.of("GoalAgreed"),
            "trust", List.of("TrustAssessed"),
            "lessons", List.of("PitfallRecorded", "SuccessFactorRecorded"));
    /** How a lessons cell (one tag of a kind and phase) ends its name. */
    private static final String TAG_CELL = ", one tag";

    private final Release release;
    private final ResearchKeys keys;
    private final int k;

    ResearchViews(Study study, ResearchKeys keys, ReleaseMemory memory) {
        this.release = new Release(study, memory);
        this.keys = keys;
        this.k = study.k();
    }

    ResearchResult aggregate(String view, Collection<ResearchTrajectory> all, ResearchFilter filter) {
        return aggregate(view, all, FilterClasses.of(all, k), filter);
    }

    /** The same, with the filter groups of these trajectories made already. */
    ResearchResult aggregate(String view, Collection<ResearchTrajectory> all, FilterClasses classes,
            ResearchFilter filter) {
        Release.View cells = switch (view) {
            case "phase-durations" -> this::phaseDurations;
            case "outcomes" -> this::outcomes;
            case "contracts" -> this::contracts;
            case "goals" -> this::goals;
            case "trust" -> this::trust;
            case "lessons" -> this::lessons;
            default -> throw new IllegalArgumentException(view);
        };
        ResearchResult released = release.aggregate(view, all, classes, filter, cells);
        return view.equals("lessons") ? withTagsHeldBackAsOne(released) : released;
    }

    /**
     * The lessons with every tag held back said once, whether or not any is: listed one per kind, phase and tag, the
     * suppressed cells told how many rare tags each kind and phase held, and a new one appeared the moment one
     * organisation recorded a tag on one trajectory.
     */
    private ResearchResult withTagsHeldBackAsOne(ResearchResult lessons) {
        List<Suppression> suppressed = new ArrayList<>();
        lessons.suppressed().stream().filter(cell -> !cell.cell().endsWith(TAG_CELL)).forEach(suppressed::add);
        suppressed.add(new Suppression("tags held back", "not described: tags recorded by fewer than k=" + k
                + " organisations, or whose trajectories changed by fewer than k since an earlier release; which and"
                + " how many are not said"));
        return new ResearchResult(lessons.view(), lessons.k(), lessons.filter(), lessons.trajectories(),
                lessons.rows(), lessons.csvRows(), suppressed, lessons.anonymisation(), lessons.releasedMembers());
    }

    /** Days spent in each phase by the trajectories that left it (or concluded in it). */
    private void phaseDurations(Set<ResearchTrajectory> population, Release.Table table) {
        Map<String, Map<ResearchTrajectory, Long>> daysByPhase = new HashMap<>();
        for (Phase phase : Phase.values()) {
            daysByPhase.put(phase.name(), new HashMap<>());
        }
        for (ResearchTrajectory trajectory : population) {
            List<PhaseEntry> entries = trajectory.phases;
            for (int i = 0; i < entries.size(); i++) {
                Map<ResearchTrajectory, Long> days = daysByPhase.get(entries.get(i).phase());
                Long exit = i + 1 < entries.size() ? Long.valueOf(entries.get(i + 1).day()) : trajectory.concludedDay;
                if (days != null && exit != null) {
                    days.merge(trajectory, exit - entries.get(i).day(), Long::sum);
                }
            }
        }
        for (Phase phase : Phase.values()) {
            Map<ResearchTrajectory, Long> days = daysByPhase.get(phase.name());
            table.cell("phase=" + phase, days.keySet(), released -> {
                return row(
                        "phase", phase.name(),
                        "trajectories", released.size(),
                        "q1Days", quantile(released, days::get, 0.25),
                        "medianDays", quantile(released, days::get, 0.5),
                        "q3Days", quantile(released, days::get, 0.75));
            });
        }
    }

    private void outcomes(Set<ResearchTrajectory> population, Release.Table table) {
        List<String> labels = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            outcomes.add(outcome.name());
        }
        outcomes.add("ONGOING");
        for (String outcome : outcomes) {
            String label = "outcome=" + outcome;
            labels.add(label);
            table.cell(label, members(population, t -> outcome.equals(t.outcome == null ? "ONGOING" : t.outcome)),
                    released -> row(
                            "outcome", outcome,
                            "trajectories", released.size(),
                            "share", share(released.size(), population.size())));
        }
        table.partition(null, labels);
    }

    private void contracts(Set<ResearchTrajectory> population, Release.Table table) {
        Set<ResearchTrajectory> contracted = members(population, t -> t.contractModel != null);
        String all = "contractModel=ALL";
        table.cell(all, contracted, released -> contractRow("ALL", released, released.size()));
        List<String> labels = new ArrayList<>();
        for (ContractModel model : ContractModel.values()) {
            String label = "contractModel=" + model.name();
            labels.add(label);
            table.cell(label, members(contracted, t -> model.name().equals(t.contractModel)),
                    released -> contractRow(model.name(), released, table.released(all).size()));
        }
        // the models partition the contracted trajectories of the ALL row
        table.partition(all, labels);
    }

    private Map<String, Object> contractRow(String model, Set<ResearchTrajectory> released, int contracted) {
        List<Integer> months = released.stream().map(t -> t.contractDurationMonths).toList();
        return row(
                "contractModel", model,
                "trajectories", released.size(),
                "share", share(released.size(), contracted),
                "multiYearShare", share((int) months.stream().filter(m -> m > 12).count(), released.size()),
                "q1DurationMonths", quantile(released, t -> t.contractDurationMonths, 0.25),
                "medianDurationMonths", quantile(released, t -> t.contractDurationMonths, 0.5),
                "q3DurationMonths", quantile(released, t -> t.contractDurationMonths, 0.75));
    }

    /** Goals per quadruple-aim dimension; their shares reveal the total of goals, so the cells form a partition. */
    private void goals(Set<ResearchTrajectory> population, Release.Table table) {
        int allGoals = population.stream().mapToInt(t -> t.goalDimensions.size()).sum();
        List<String> labels = new ArrayList<>();
        for (QuadrupleAimDimension dimension : QuadrupleAimDimension.values()) {
            String label = "dimension=" + dimension;
            labels.add(label);
            table.cell(label, members(population, t -> t.goalDimensions.contains(dimension.name())), released -> {
                int goals = released.stream()
                        .mapToInt(t -> (int) t.goalDimensions.stream().filter(dimension.name()::equals).count()).sum();
                return row(
                        "dimension", dimension.name(),
                        "trajectories", released.size(),
                        "trajectoryShare", share(released.size(), population.size()),
                        "goals", goals,
                        "goalShare", share(goals, allGoals));
            });
        }
        table.partition(null, labels);
    }

    /** Per phase, each trajectory's last assessment in that phase; trusted means a score of 4 or 5. */
    private void trust(Set<ResearchTrajectory> population, Release.Table table) {
        for (Phase phase : Phase.values()) {
            Map<ResearchTrajectory, TrustPoint> last = new LinkedHashMap<>();
            for (ResearchTrajectory trajectory : population) {
                TrustPoint latest = null;
                for (TrustPoint point : trajectory.trust) {
                    if (point.phase().equals(phase.name()) && (latest == null
                            || point.sequence() > latest.sequence())) {
                        latest = point;
                    }
                }
                if (latest != null) {
                    last.put(trajectory, latest);
                }
            }
            table.cell("phase=" + phase, last.keySet(), released -> {
                List<TrustPoint> points = released.stream().map(last::get).toList();
                List<Integer> person = points.stream().map(TrustPoint::person).toList();
                List<Integer> organisation = points.stream().map(TrustPoint::organisation).toList();
                int trustPerson = (int) points.stream().filter(p -> p.person() >= 4).count();
                int trustBoth = (int) points.stream().filter(p -> p.person() >= 4 && p.organisation() >= 4).count();
                return row(
                        "phase", phase.name(),
                        "trajectories", released.size(),
                        "meanPersonTrust", Statistics.round(Statistics.mean(person), 2),
                        "meanOrganisationTrust", Statistics.round(Statistics.mean(organisation), 2),
                        "medianPersonTrust", quantile(released, t -> last.get(t).person(), 0.5),
                        "medianOrganisationTrust", quantile(released, t -> last.get(t).organisation(), 0.5),
                        "trustPersonShare", share(trustPerson, released.size()),
                        "alsoTrustOrganisationShare", trustPerson < k ? null : share(trustBoth, trustPerson));
            });
        }
    }

    /**
     * Per kind, phase and tag. A tag is free text: a cell is named by its kind and phase only, stored under the tag's
     * key, and released only when at least k organisations recorded the tag among its trajectories.
     */
    private void lessons(Set<ResearchTrajectory> population, Release.Table table) {
        Map<String, Map<ResearchTrajectory, List<LessonPoint>>> byCell = new TreeMap<>();
        Map<String, LessonPoint> example = new HashMap<>();
        for (ResearchTrajectory trajectory : population) {
            for (LessonPoint lesson : trajectory.lessons) {
                String key = "kind=" + lesson.kind() + "/phase=" + lesson.phase() + "/tag=" + lesson.tag();
                byCell.computeIfAbsent(key, x -> new LinkedHashMap<>())
                        .computeIfAbsent(trajectory, x -> new ArrayList<>()).add(lesson);
                example.putIfAbsent(key, lesson);
            }
        }
        byCell.forEach((key, lessons) -> {
            LessonPoint lesson = example.get(key);
            table.cell("kind=" + lesson.kind() + ", phase=" + lesson.phase() + TAG_CELL, key, lessons.keySet(),
                    released -> {
                        Set<String> recordedBy = new HashSet<>();
                        released.forEach(t -> lessons.get(t).forEach(l -> recordedBy.add(l.organisation())));
                        return recordedBy.size() < k ? "its tag was recorded by fewer than k=" + k + " organisations"
                                : null;
                    },
                    released -> row(
                            "kind", lesson.kind(),
                            "phase", lesson.phase(),
                            "tag", keys.open("tag/" + lesson.tag(), lesson.sealedTag()),
                            "trajectories", released.size(),
                            "mentions", released.stream().mapToInt(t -> lessons.get(t).size()).sum()));
        });
    }

    // --- helpers

    /** A quantile as the mean of its block of at least k values of at least k organisations, in tenths. */
    private Double quantile(Collection<ResearchTrajectory> released,
            Function<ResearchTrajectory, ? extends Number> value, double p) {
        List<Statistics.Recorded> values = released.stream()
                .map(trajectory -> new Statistics.Recorded(value.apply(trajectory).doubleValue(), trajectory.recorders))
                .toList();
        return Statistics.round(Statistics.blockQuantile(values, p, k), 1);
    }

    private static Set<ResearchTrajectory> members(Collection<ResearchTrajectory> population,
            Predicate<ResearchTrajectory> test) {
        Set<ResearchTrajectory> members = new java.util.LinkedHashSet<>();
        population.stream().filter(test).forEach(members::add);
        return members;
    }

    static Double share(int part, int whole) {
        return whole == 0 ? null : Statistics.round((double) part / whole, 4);
    }

    static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
