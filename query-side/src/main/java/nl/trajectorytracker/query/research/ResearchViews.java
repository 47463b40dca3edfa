package nl.trajectorytracker.query.research;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.trajectorytracker.api.values.ContractModel;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.query.research.ResearchResult.Suppression;
import nl.trajectorytracker.query.research.ResearchTrajectory.LessonPoint;
import nl.trajectorytracker.query.research.ResearchTrajectory.PartyRef;
import nl.trajectorytracker.query.research.ResearchTrajectory.PhaseEntry;
import nl.trajectorytracker.query.research.ResearchTrajectory.Step;
import nl.trajectorytracker.query.research.ResearchTrajectory.StepField;
import nl.trajectorytracker.query.research.ResearchTrajectory.TrustPoint;

/**
 * The research views of one study over a population of trajectories, behind the k-anonymity gate: the population
 * and every released cell describe at least {@code k} trajectories and {@code k} organisations; smaller ones are
 * listed as suppressed, named without the values that would identify them.
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

    private static final double SECONDS_PER_DAY = 86_400.0;

    private final Study study;
    private final Pseudonyms pseudonyms;
    private final int k;

    ResearchViews(Study study) {
        this.study = study;
        this.pseudonyms = new Pseudonyms(study.secret());
        this.k = study.k();
    }

    ResearchResult aggregate(String view, List<ResearchTrajectory> population, ResearchFilter filter) {
        Cells cells = new Cells();
        if (gate(population, cells)) {
            switch (view) {
                case "phase-durations" -> phaseDurations(population, cells);
                case "outcomes" -> outcomes(population, cells);
                case "contracts" -> contracts(population, cells);
                case "goals" -> goals(population, cells);
                case "trust" -> trust(population, cells);
                case "lessons" -> lessons(population, cells);
                default -> throw new IllegalArgumentException(view);
            }
        }
        return new ResearchResult(view, k, filter.asMap(), cells.released ? population.size() : null, cells.rows,
                cells.rows, cells.suppressed);
    }

    ResearchResult histories(List<ResearchTrajectory> population, ResearchFilter filter) {
        Cells cells = new Cells();
        List<Map<String, Object>> csv = new ArrayList<>();
        if (gate(population, cells)) {
            List<ResearchTrajectory> ordered = new ArrayList<>(population);
            ordered.sort(Comparator.comparing(t -> pseudonyms.trajectory(t.id)));
            for (ResearchTrajectory trajectory : ordered) {
                history(trajectory, cells.rows, csv);
            }
        }
        return new ResearchResult("histories", k, filter.asMap(), cells.released ? population.size() : null,
                cells.rows, csv, cells.suppressed);
    }

    // --- the gate

    private final class Cells {
        final List<Map<String, Object>> rows = new ArrayList<>();
        final List<Suppression> suppressed = new ArrayList<>();
        boolean released;

        /** Adds the row when its trajectories are at least k and involve at least k organisations. */
        void cell(String name, Set<ResearchTrajectory> members, Function<Integer, Map<String, Object>> row) {
            if (members.isEmpty()) {
                return;
            }
            String reason = tooSmall(members);
            if (reason == null) {
                rows.add(row.apply(members.size()));
            } else {
                suppressed.add(new Suppression(name, reason));
                hiddenInPartition += members.size();
            }
        }

        /** Starts a partition: cells that add up to a released total. */
        void startPartition() {
            partitionStart = rows.size();
            hiddenInPartition = 0;
        }

        /**
         * Secondary suppression: while the suppressed cells of a partition add up to fewer than k, the released total
         * minus the released cells would reveal them, so the smallest released cell is held back too.
         */
        void closePartition(String column, String countColumn) {
            while (hiddenInPartition > 0 && hiddenInPartition < k && rows.size() > partitionStart) {
                Map<String, Object> smallest = rows.subList(partitionStart, rows.size()).stream()
                        .min(Comparator.comparing(row -> (Integer) row.get(countColumn))).orElseThrow();
                rows.remove(smallest);
                hiddenInPartition += (Integer) smallest.get(countColumn);
                suppressed.add(new Suppression(column + "=" + smallest.get(column),
                        "secondary suppression: with the total released it would reveal a cell of fewer than k=" + k
                                + " trajectories"));
            }
        }

        private int partitionStart;
        private int hiddenInPartition;
    }

    private boolean gate(List<ResearchTrajectory> population, Cells cells) {
        String reason = tooSmall(new HashSet<>(population));
        if (reason != null) {
            cells.suppressed.add(new Suppression("all", "the filtered population has " + reason));
            return false;
        }
        cells.released = true;
        return true;
    }

    private String tooSmall(Set<ResearchTrajectory> members) {
        if (members.size() < k) {
            return "fewer than k=" + k + " trajectories";
        }
        long organisations = members.stream().flatMap(t -> t.parties.stream()).map(PartyRef::organisation)
                .distinct().count();
        if (organisations < k) {
            return "fewer than k=" + k + " organisations";
        }
        return null;
    }

    // --- aggregates

    private void phaseDurations(List<ResearchTrajectory> population, Cells cells) {
        for (Phase phase : Phase.values()) {
            Map<ResearchTrajectory, Double> days = new LinkedHashMap<>();
            for (ResearchTrajectory trajectory : population) {
                List<PhaseEntry> entries = trajectory.phases;
                for (int i = 0; i < entries.size(); i++) {
                    if (!entries.get(i).phase().equals(phase.name())) {
                        continue;
                    }
                    var exit = i + 1 < entries.size() ? entries.get(i + 1).at() : trajectory.concludedAt;
                    if (exit != null) {
                        days.merge(trajectory, Duration.between(entries.get(i).at(), exit).getSeconds()
                                / SECONDS_PER_DAY, Double::sum);
                    }
                }
            }
            List<Double> values = new ArrayList<>(days.values());
            cells.cell("phase=" + phase, days.keySet(), n -> row(
                    "phase", phase.name(),
                    "trajectories", n,
                    "q1Days", Statistics.round(Statistics.quantile(values, 0.25), 3),
                    "medianDays", Statistics.round(Statistics.median(values), 3),
                    "q3Days", Statistics.round(Statistics.quantile(values, 0.75), 3)));
        }
    }

    private void outcomes(List<ResearchTrajectory> population, Cells cells) {
        List<String> outcomes = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            outcomes.add(outcome.name());
        }
        outcomes.add("ONGOING");
        cells.startPartition();
        for (String outcome : outcomes) {
            Set<ResearchTrajectory> members = members(population,
                    t -> outcome.equals(t.outcome == null ? "ONGOING" : t.outcome));
            cells.cell("outcome=" + outcome, members, n -> row(
                    "outcome", outcome,
                    "trajectories", n,
                    "share", share(n, population.size())));
        }
        cells.closePartition("outcome", "trajectories");
    }

    private void contracts(List<ResearchTrajectory> population, Cells cells) {
        Set<ResearchTrajectory> contracted = members(population, t -> t.contractModel != null);
        List<String> models = new ArrayList<>();
        models.add("ALL");
        for (ContractModel model : ContractModel.values()) {
            models.add(model.name());
        }
        for (String model : models) {
            if (model.equals(ContractModel.values()[0].name())) {
                cells.startPartition(); // the models partition the contracted trajectories of the ALL row
            }
            Set<ResearchTrajectory> members = members(contracted,
                    t -> model.equals("ALL") || model.equals(t.contractModel));
            List<Integer> months = members.stream().map(t -> t.contractDurationMonths).toList();
            cells.cell("contractModel=" + model, members, n -> row(
                    "contractModel", model,
                    "trajectories", n,
                    "share", share(n, contracted.size()),
                    "multiYearShare", share((int) months.stream().filter(m -> m > 12).count(), n),
                    "q1DurationMonths", Statistics.round(Statistics.quantile(months, 0.25), 2),
                    "medianDurationMonths", Statistics.round(Statistics.median(months), 2),
                    "q3DurationMonths", Statistics.round(Statistics.quantile(months, 0.75), 2)));
        }
        cells.closePartition("contractModel", "trajectories");
    }

    private void goals(List<ResearchTrajectory> population, Cells cells) {
        int allGoals = population.stream().mapToInt(t -> t.goalDimensions.size()).sum();
        for (QuadrupleAimDimension dimension : QuadrupleAimDimension.values()) {
            Set<ResearchTrajectory> members = members(population, t -> t.goalDimensions.contains(dimension.name()));
            int goals = members.stream()
                    .mapToInt(t -> (int) t.goalDimensions.stream().filter(dimension.name()::equals).count()).sum();
            cells.cell("dimension=" + dimension, members, n -> row(
                    "dimension", dimension.name(),
                    "trajectories", n,
                    "trajectoryShare", share(n, population.size()),
                    "goals", goals,
                    "goalShare", share(goals, allGoals)));
        }
    }

    /** Per phase, each trajectory's last assessment in that phase; trusted means a score of 4 or 5. */
    private void trust(List<ResearchTrajectory> population, Cells cells) {
        for (Phase phase : Phase.values()) {
            Map<ResearchTrajectory, TrustPoint> last = new LinkedHashMap<>();
            for (ResearchTrajectory trajectory : population) {
                trajectory.trust.stream().filter(point -> point.phase().equals(phase.name()))
                        .max(Comparator.comparing(TrustPoint::at))
                        .ifPresent(point -> last.put(trajectory, point));
            }
            List<Integer> person = last.values().stream().map(TrustPoint::person).toList();
            List<Integer> organisation = last.values().stream().map(TrustPoint::organisation).toList();
            int trustPerson = (int) last.values().stream().filter(p -> p.person() >= 4).count();
            int trustBoth = (int) last.values().stream().filter(p -> p.person() >= 4 && p.organisation() >= 4).count();
            cells.cell("phase=" + phase, last.keySet(), n -> row(
                    "phase", phase.name(),
                    "trajectories", n,
                    "meanPersonTrust", Statistics.round(Statistics.mean(person), 2),
                    "meanOrganisationTrust", Statistics.round(Statistics.mean(organisation), 2),
                    "medianPersonTrust", Statistics.round(Statistics.median(person), 2),
                    "medianOrganisationTrust", Statistics.round(Statistics.median(organisation), 2),
                    "trustPersonShare", share(trustPerson, n),
                    "alsoTrustOrganisationShare", trustPerson == 0 ? null : share(trustBoth, trustPerson)));
        }
    }

    /** Per kind, phase and tag; a suppressed cell names its kind and phase, never its tag (tags are free text). */
    private void lessons(List<ResearchTrajectory> population, Cells cells) {
        Map<String, Map<String, Map<String, Set<ResearchTrajectory>>>> byKind = new TreeMap<>();
        Map<String, Integer> mentions = new LinkedHashMap<>();
        for (ResearchTrajectory trajectory : population) {
            for (LessonPoint lesson : trajectory.lessons) {
                byKind.computeIfAbsent(lesson.kind(), x -> new TreeMap<>())
                        .computeIfAbsent(lesson.phase(), x -> new TreeMap<>())
                        .computeIfAbsent(lesson.tag(), x -> new HashSet<>()).add(trajectory);
                mentions.merge(lesson.kind() + "\u0000" + lesson.phase() + "\u0000" + lesson.tag(), 1, Integer::sum);
            }
        }
        byKind.forEach((kind, byPhase) -> byPhase.forEach((phase, byTag) -> byTag.forEach((tag, members) ->
                cells.cell("kind=" + kind + ", phase=" + phase + ", one tag", members, n -> row(
                        "kind", kind,
                        "phase", phase,
                        "tag", tag,
                        "trajectories", n,
                        "mentions", mentions.get(kind + "\u0000" + phase + "\u0000" + tag))))));
    }

    // --- histories

    private void history(ResearchTrajectory trajectory, List<Map<String, Object>> rows,
            List<Map<String, Object>> csv) {
        ZonedDateTime start = trajectory.startedAt.atZone(ZoneOffset.UTC);
        LocalDate startDate = start.toLocalDate();
        String id = pseudonyms.trajectory(trajectory.id);
        List<Map<String, Object>> parties = trajectory.parties.stream()
                .map(party -> row("organisation", pseudonyms.organisation(party.organisation()), "type", party.type()))
                .toList();
        String partyTypes = trajectory.parties.stream().map(PartyRef::type).sorted().collect(Collectors.joining(";"));
        List<Map<String, Object>> steps = new ArrayList<>();
        int number = 0;
        for (Step step : trajectory.steps) {
            if (!study.allowsEventType(step.type())) {
                continue;
            }
            number++;
            Map<String, Object> fields = new TreeMap<>();
            for (StepField field : step.fields()) {
                if (study.allowsField(field.name())) {
                    fields.merge(field.name(), release(field, startDate), ResearchViews::combine);
                }
            }
            Map<String, Object> released = row(
                    "step", number,
                    "type", step.type(),
                    "phase", step.phase(),
                    "day", Duration.between(trajectory.startedAt, step.at()).toDays());
            if (study.allowsField("person")) {
                released.put("person", pseudonyms.person(step.person()));
            }
            if (study.allowsField("organisation")) {
                released.put("organisation", pseudonyms.organisation(step.organisation()));
            }
            released.put("fields", fields);
            steps.add(released);
            Map<String, Object> flat = row(
                    "trajectory", id,
                    "startYear", start.getYear(),
                    "startQuarter", (start.getMonthValue() - 1) / 3 + 1,
                    "playbookVersion", trajectory.playbookVersion,
                    "partyTypes", partyTypes);
            released.forEach((name, value) -> flat.put(name, name.equals("fields") ? flatten(fields) : value));
            csv.add(flat);
        }
        rows.add(row(
                "trajectory", id,
                "predecessor", pseudonyms.trajectory(trajectory.predecessorId),
                "startYear", start.getYear(),
                "startQuarter", (start.getMonthValue() - 1) / 3 + 1,
                "playbookVersion", trajectory.playbookVersion,
                "parties", parties,
                "outcome", trajectory.outcome,
                "steps", steps));
    }

    private Object release(StepField field, LocalDate startDate) {
        return switch (field.kind()) {
            case StepFields.NUMBER -> Bands.of(field.name(), field.number());
            case StepFields.DATE -> ChronoUnit.DAYS.between(startDate, LocalDate.parse(field.text()));
            case StepFields.TRAJECTORY -> pseudonyms.trajectory(field.text());
            case StepFields.ORGANISATION -> pseudonyms.organisation(field.text());
            default -> field.text();
        };
    }

    /** A field that repeats (signatories, parties, milestones) becomes a list of its values. */
    @SuppressWarnings("unchecked")
    private static Object combine(Object existing, Object added) {
        List<Object> values = new ArrayList<>();
        if (existing instanceof List<?> list) {
            values.addAll((List<Object>) list);
        } else {
            values.add(existing);
        }
        values.add(added);
        return values;
    }

    private static String flatten(Map<String, Object> fields) {
        return fields.entrySet().stream().map(entry -> entry.getKey() + "=" + (entry.getValue() instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining("|")) : entry.getValue()))
                .collect(Collectors.joining("; "));
    }

    // --- helpers

    private static Set<ResearchTrajectory> members(java.util.Collection<ResearchTrajectory> population,
            java.util.function.Predicate<ResearchTrajectory> test) {
        Set<ResearchTrajectory> members = new HashSet<>();
        population.stream().filter(test).forEach(members::add);
        return members;
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : Statistics.round((double) part / whole, 4);
    }

    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
