package nl.trajectorytracker.query.research;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.trajectorytracker.query.research.ResearchResult.Suppression;
import nl.trajectorytracker.query.research.ResearchTrajectory.LessonPoint;
import nl.trajectorytracker.query.research.ResearchTrajectory.PartyRef;
import nl.trajectorytracker.query.research.ResearchTrajectory.Step;
import nl.trajectorytracker.query.research.ResearchTrajectory.StepField;

/**
 * The anonymised histories of a study: one record per trajectory with its steps. The records are made k-anonymous
 * over the whole study ({@link QuasiIdentifiers}), and a filter then selects among the released records by their
 * released values (a generalised value matches no filter on it): so a filtered release says nothing the unfiltered
 * one does not, and no difference of releases undoes a generalisation. The selected records must still number at
 * least {@code k} trajectories of {@code k} organisations.
 *
 * <p>Step values that repeat a generalised quasi-identifier (a party's type, the contract model and duration) are
 * generalised the same way; a tag is released only when at least {@code k} organisations recorded it, otherwise as
 * {@value #RARE_TAG}. Records are released in the order of their pseudonyms, a chunk at a time.
 *
 * <p>Organisations and persons have pseudonyms of one record ({@link Pseudonyms#organisationIn}): linked across
 * records, an organisation was recognised by its number of trajectories and their types, and with it every trajectory
 * it took part in. A record's predecessor, party organisations and outcome repeat fields of its first and last steps,
 * and are released only when the study releases those fields.
 *
 * <p>A step taken on day {@code d} since its trajectory's start is released from the end of the start's year plus
 * {@code d} days ({@link #releasedThrough}), and a trajectory only once its start's year has ended: so when a step
 * first appears says no more than the year of the start. Released as soon as it was recorded, a step appeared the day
 * after it was taken, with its day since the start, and two exports a day apart gave the start date that every
 * release hides. What a record reveals of its trajectory is therefore up to a year old (less for older
 * trajectories); the aggregates, which release only changes of at least {@code k} trajectories, are current.
 */
final class Histories {

    static final String RARE_TAG = "(rare tag)";
    /** The scope of the release memory that holds every record a histories release held. */
    private static final String RELEASED_RECORDS = "histories/released";
    /** The steps whose fields a record's predecessor, party organisations and outcome repeat. */
    private static final String STARTED = "TrajectoryStarted";
    private static final String CONCLUDED = "TrajectoryConcluded";
    /** An agreement's last day, as days since the trajectory's start. */
    private static final String AGREEMENT_END = "endDate";
    private static final int CHUNK = 200;
    /** Read the next chunk of a release's steps while the current one is written; idle threads end after a minute. */
    private static final ExecutorService READERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "research-histories-reader");
                thread.setDaemon(true);
                return thread;
            });

    private final Study study;
    private final Pseudonyms pseudonyms;
    private final ResearchKeys keys;
    private final ReleaseMemory memory;
    private final int k;
    private final LocalDate today;

    /**
     * Histories with a release memory of their own, which forgets them when it goes, on a day when every step stored
     * is due: for tests.
     */
    Histories(Study study, ResearchKeys keys) {
        this(study, keys, ReleaseMemory.inMemory(), LocalDate.MAX);
    }

    /** The histories of the study as released on {@code today} (UTC). */
    Histories(Study study, ResearchKeys keys, ReleaseMemory memory, LocalDate today) {
        this.study = study;
        this.keys = keys;
        this.memory = memory;
        this.pseudonyms = new Pseudonyms(study.secret(keys));
        this.k = study.k();
        this.today = today;
    }

    /**
     * The last day since its start through which a trajectory's steps are released on {@code today}: the days since
     * the end of its start's year. Negative while that year lasts: then nothing of it is released.
     */
    static long releasedThrough(ResearchTrajectory trajectory, LocalDate today) {
        return ChronoUnit.DAYS.between(LocalDate.of(trajectory.startYear + 1, 1, 1), today);
    }

    /** The trajectories a histories release may hold on {@code today}: those whose start's year has ended. */
    static List<ResearchTrajectory> due(Collection<ResearchTrajectory> all, LocalDate today) {
        return all.stream().filter(trajectory -> trajectory.startYear < today.getYear()).toList();
    }

    /** What a histories release is, before its records are written. */
    record Plan(ResearchResult header, List<ResearchTrajectory> records, QuasiIdentifiers.Generalisation levels,
            Map<String, String> tags) {
    }

    /** Chooses the generalisation over the trajectories due and the records the filter selects. */
    Plan plan(Collection<ResearchTrajectory> all, ResearchFilter filter) {
        List<ResearchTrajectory> due = due(all, today);
        return plan(due, QuasiIdentifiers.choose(due, k), filter);
    }

    /**
     * The same, of trajectories {@linkplain #due due}, with their generalisation for the study's k chosen already. The
     * records released are remembered (as the aggregates' groups are, for every study), so that a later release holds
     * back newcomers until at least k of a group have come ({@link #newcomersHeldBack}).
     */
    Plan plan(Collection<ResearchTrajectory> all, QuasiIdentifiers.Generalisation levels, ResearchFilter filter) {
        Set<ResearchTrajectory> heldBack = newcomersHeldBack(all, levels);
        Map<ResearchTrajectory, String> named = new IdentityHashMap<>();
        all.stream().filter(levels::releases).filter(t -> !heldBack.contains(t)).filter(t -> matches(filter, t, levels))
                .forEach(t -> named.put(t, pseudonyms.trajectory(t.id)));
        List<ResearchTrajectory> selected = named.keySet().stream().sorted(Comparator.comparing(named::get))
                .toList();
        List<Suppression> suppressed = new ArrayList<>();
        String small = selected.size() < k ? "fewer than k=" + k + " trajectories"
                : FilterClasses.fewerOrganisationsThan(selected, k) ? "fewer than k=" + k + " organisations" : null;
        Map<String, Object> anonymisation = levels.describe(k);
        if (!heldBack.isEmpty()) {
            suppressed.add(new Suppression("newcomers", "trajectories new to their group since an earlier release"
                    + " are held back until at least k=" + k + " have joined it"));
        }
        if (small != null) {
            suppressed.add(new Suppression("all", "the filtered population has " + small));
            selected = List.of();
        }
        ResearchResult header = new ResearchResult("histories", k, filter.asMap(),
                small == null ? selected.size() : null, List.of(), List.of(), suppressed, anonymisation);
        return new Plan(header, selected, levels, releasedTags(all));
    }

    /**
     * The records to hold back: those that no histories release (of any study of at least this k) held before, where
     * fewer than k of them are in one group (the records with the same released quasi-identifiers). Pseudonyms are
     * stable within a study, so a record that appeared between two releases was that trajectory to anyone who knew
     * when it started and between which kinds of party; among k newcomers of its group it is one of k. Every record
     * released is remembered, as one growing set per k stored once: the first release of all, when none is
     * remembered, holds nothing back.
     */
    private Set<ResearchTrajectory> newcomersHeldBack(Collection<ResearchTrajectory> all,
            QuasiIdentifiers.Generalisation levels) {
        Set<Long> known = new HashSet<>();
        Set<Long> releasedUnderThisK = new HashSet<>();
        memory.earlier(study.id(), k, knownScopes()).forEach((scope, sets) -> sets.forEach(set -> {
            Arrays.stream(set.members()).forEach(known::add);
            if (scope.equals(releasedScope(k))) {
                Arrays.stream(set.members()).forEach(releasedUnderThisK::add);
            }
        }));
        Map<String, List<ResearchTrajectory>> newcomers = new HashMap<>();
        List<ResearchTrajectory> released = new ArrayList<>();
        for (ResearchTrajectory record : all) {
            if (!levels.releases(record)) {
                continue;
            }
            released.add(record);
            if (!known.contains(record.prefix())) {
                newcomers.computeIfAbsent(levels.classOf(record), x -> new ArrayList<>()).add(record);
            }
        }
        Set<ResearchTrajectory> heldBack = new HashSet<>();
        if (!known.isEmpty()) {
            newcomers.values().stream().filter(group -> group.size() < k).forEach(heldBack::addAll);
        }
        released.removeAll(heldBack);
        long[] now = Release.set(released);
        Set<Long> union = new HashSet<>(releasedUnderThisK);
        Arrays.stream(now).forEach(union::add);
        if (union.size() > releasedUnderThisK.size()) {
            memory.rememberInPlace(releasedScope(k), k, union.stream().mapToLong(Long::longValue).sorted().toArray());
        }
        return heldBack;
    }

    /**
     * Where the records released under one k are remembered. A record counts as known to a study only when a release
     * of at least its k held it: counted when any study had shown it, a study of k = 2 let newcomers into one of
     * k = 5 two at a time.
     */
    private static String releasedScope(int k) {
        return RELEASED_RECORDS + "/k=" + k;
    }

    /**
     * The scopes of the records this study counts as known: those of every k at least its own, and the one that held
     * every record before records were remembered per k.
     */
    private List<String> knownScopes() {
        List<String> scopes = new ArrayList<>();
        scopes.add(RELEASED_RECORDS);
        for (int atLeast = k; atLeast <= ResearchStudies.MAX_K; atLeast++) {
            scopes.add(releasedScope(atLeast));
        }
        return scopes;
    }

    /** Whether a filter selects a record by its released values. */
    private static boolean matches(ResearchFilter filter, ResearchTrajectory record,
            QuasiIdentifiers.Generalisation levels) {
        if (filter.partyType() != null && record.parties.stream().noneMatch(party -> filter.partyType().name()
                .equals(QuasiIdentifiers.partyType(party.type(), levels.level(0))))) {
            return false;
        }
        if (filter.year() != null && (levels.level(1) >= 2 || record.startYear != filter.year())) {
            return false;
        }
        return filter.playbookVersion() == null || filter.playbookVersion().equals(record.playbookVersion);
    }

    /** The text of every tag recorded by at least k organisations in the study, by key. */
    private Map<String, String> releasedTags(Collection<ResearchTrajectory> all) {
        Map<String, Set<String>> organisations = new HashMap<>();
        Map<String, String> sealed = new HashMap<>();
        for (ResearchTrajectory trajectory : all) {
            for (LessonPoint lesson : trajectory.lessons) {
                organisations.computeIfAbsent(lesson.tag(), x -> new HashSet<>()).add(lesson.organisation());
                sealed.putIfAbsent(lesson.tag(), lesson.sealedTag());
            }
        }
        Map<String, String> texts = new HashMap<>();
        organisations.forEach((tag, by) -> {
            if (by.size() >= k) {
                texts.put(tag, keys.open("tag/" + tag, sealed.get(tag)));
            }
        });
        return texts;
    }

    /**
     * Writes the plan's records, a chunk at a time: while a chunk's rows are made and handed on, the next chunk's
     * steps are read on another thread, so reading and writing overlap; at most two chunks are held at a time. The
     * summaries are only read, so they may be shared with other releases. A null consumer is not asked for: a CSV
     * release needs only the flat rows, the others only the nested ones.
     */
    void write(Plan plan, ResearchSteps steps, Consumer<Map<String, Object>> rows,
            Consumer<Map<String, Object>> csvRows) {
        List<ResearchTrajectory> records = plan.records();
        if (records.isEmpty()) {
            return;
        }
        CompletableFuture<Map<String, List<Step>>> next = read(steps, chunk(records, 0));
        for (int from = 0; from < records.size(); from += CHUNK) {
            List<ResearchTrajectory> chunk = chunk(records, from);
            Map<String, List<Step>> read = join(next);
            next = from + CHUNK < records.size() ? read(steps, chunk(records, from + CHUNK)) : null;
            try {
                for (ResearchTrajectory trajectory : chunk) {
                    history(trajectory, read.get(trajectory.id), plan, rows, csvRows);
                }
            } catch (RuntimeException e) {
                if (next != null) {
                    next.cancel(false);
                }
                throw e;
            }
        }
    }

    private static List<ResearchTrajectory> chunk(List<ResearchTrajectory> records, int from) {
        return records.subList(from, Math.min(records.size(), from + CHUNK));
    }

    private static CompletableFuture<Map<String, List<Step>>> read(ResearchSteps steps,
            List<ResearchTrajectory> chunk) {
        return CompletableFuture.supplyAsync(() -> steps.read(chunk), READERS);
    }

    private static Map<String, List<Step>> join(CompletableFuture<Map<String, List<Step>>> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void history(ResearchTrajectory trajectory, List<Step> trajectorySteps, Plan plan,
            Consumer<Map<String, Object>> rows, Consumer<Map<String, Object>> csv) {
        QuasiIdentifiers.Generalisation levels = plan.levels();
        String id = pseudonyms.trajectory(trajectory.id);
        Integer startYear = levels.level(1) < 2 ? trajectory.startYear : null;
        Integer startQuarter = levels.level(1) < 1 ? trajectory.startQuarter : null;
        Map<String, String> named = new HashMap<>();
        Function<String, String> organisation = key -> key == null ? null
                : named.computeIfAbsent("O" + key, x -> pseudonyms.organisationIn(trajectory.id, key));
        Function<String, String> person = key -> key == null ? null
                : named.computeIfAbsent("P" + key, x -> pseudonyms.personIn(trajectory.id, key));
        boolean partiesNamed = study.allowsEventType(STARTED) && study.allowsField("parties.organisation");
        List<Map<String, Object>> parties = trajectory.parties.stream()
                .map(party -> ResearchViews.row(
                        "organisation", partiesNamed ? organisation.apply(party.organisation()) : null,
                        "type", QuasiIdentifiers.partyType(party.type(), levels.level(0))))
                .toList();
        String partyTypes = levels.level(0) < 2 ? trajectory.parties.stream()
                .map(p -> QuasiIdentifiers.partyType(p.type(), levels.level(0))).sorted()
                .collect(Collectors.joining(";")) : null;
        long through = releasedThrough(trajectory, today);
        AfterTheAgreement after = AfterTheAgreement.of(trajectory, trajectorySteps, levels.level(3));
        List<Map<String, Object>> steps = new ArrayList<>();
        int number = 0;
        for (Step step : trajectorySteps) {
            long day = after.released(step.day());
            if (!study.allowsEventType(step.type()) || day > through) {
                continue;
            }
            number++;
            long dayFloor = after.floorOf(step.day());
            Map<String, Object> fields = new TreeMap<>();
            for (StepField field : step.fields()) {
                if (study.allowsField(field.name())) {
                    Object value = release(field, levels, plan.tags(), organisation, dayFloor);
                    if (value != null) {
                        fields.merge(field.name(), value, Histories::combine);
                    }
                }
            }
            Map<String, Object> released = ResearchViews.row(
                    "step", number,
                    "type", step.type(),
                    "phase", step.phase(),
                    "day", day);
            if (study.allowsField("person")) {
                released.put("person", person.apply(step.person()));
            }
            if (study.allowsField("organisation")) {
                released.put("organisation", organisation.apply(step.organisation()));
            }
            released.put("fields", fields);
            steps.add(released);
            if (csv == null) {
                continue;
            }
            Map<String, Object> flat = ResearchViews.row(
                    "trajectory", id,
                    "startYear", startYear,
                    "startQuarter", startQuarter,
                    "playbookVersion", trajectory.playbookVersion,
                    "partyTypes", partyTypes);
            released.forEach((name, value) -> flat.put(name, name.equals("fields") ? flatten(fields) : value));
            csv.accept(flat);
        }
        if (rows == null) {
            return;
        }
        rows.accept(ResearchViews.row(
                "trajectory", id,
                "predecessor", study.allowsEventType(STARTED) && study.allowsField("predecessorId")
                        ? pseudonyms.trajectory(trajectory.predecessor) : null,
                "startYear", startYear,
                "startQuarter", startQuarter,
                "playbookVersion", trajectory.playbookVersion,
                "parties", parties,
                "outcome", study.allowsEventType(CONCLUDED) && study.allowsField("outcome")
                        && trajectory.concludedDay != null && after.released(trajectory.concludedDay) <= through
                        ? trajectory.outcome : null,
                "steps", steps));
    }

    /**
     * A step's value as released, generalised like the record's quasi-identifiers; null when hidden. Hidden too is
     * what would undo a generalisation: an agreement's end (with its start it gives the duration to the month, finer
     * than any band), and how gains and losses are shared once the contract model is generalised (gain sharing is
     * what a shared-savings model has and others lack).
     */
    private Object release(StepField field, QuasiIdentifiers.Generalisation levels, Map<String, String> tags,
            Function<String, String> organisation, long dayFloor) {
        String name = field.name();
        if (name.endsWith(".type") && field.kind().equals(StepFields.CATEGORY)) {
            return QuasiIdentifiers.partyType(field.text(), levels.level(0));
        }
        if (name.endsWith("erms.model")) {
            return QuasiIdentifiers.contractModel(field.text(), levels.level(2));
        }
        if (name.endsWith("erms.durationMonths")) {
            return levels.level(3) == 0 ? field.text() : levels.level(3) == 1 ? coarseDuration(field.text()) : null;
        }
        if (name.equals(AGREEMENT_END) && field.kind().equals(StepFields.DAY)) {
            return null;
        }
        if (levels.level(2) > 0 && (name.contains("erms.gainSharing") || name.contains("erms.lossSharing"))) {
            return null;
        }
        return switch (field.kind()) {
            case StepFields.DAY -> Math.max(field.number(), dayFloor);
            case StepFields.TRAJECTORY -> pseudonyms.trajectory(field.text());
            case StepFields.ORGANISATION -> organisation.apply(field.text());
            case StepFields.TAG -> tags.getOrDefault(field.text(), RARE_TAG);
            default -> field.text();
        };
    }

    /**
     * The days of the steps after an agreement, as released. The advance into the after-agreement phase follows the
     * agreement's end: its day less the agreement's start day gave the contract's duration to the month, finer than
     * the band it is released in (a band of 37-60 months split into records of 48 and of 60). So from that advance on,
     * a step is released no earlier than the agreement's start plus the upper end of the duration as the record
     * releases it ({@link #monthsBound}), which every record of its band shares; and appears no earlier either, so that
     * watching it appear tells no more.
     */
    record AfterTheAgreement(long from, long floor) {

        private static final AfterTheAgreement NONE = new AfterTheAgreement(Long.MAX_VALUE, Long.MIN_VALUE);
        private static final double DAYS_PER_MONTH = 365.25 / 12;

        static AfterTheAgreement of(ResearchTrajectory trajectory, List<Step> steps, int durationLevel) {
            Long start = null;
            long from = Long.MAX_VALUE;
            for (Step step : steps) {
                for (StepField field : step.fields()) {
                    if (step.type().equals("AgreementSigned") && field.name().equals("startDate")
                            && field.kind().equals(StepFields.DAY)) {
                        start = field.number();
                    }
                    if (step.type().equals("PhaseAdvanced") && field.name().equals("to")
                            && "AFTER_AGREEMENT".equals(field.text())) {
                        from = Math.min(from, step.day());
                    }
                }
            }
            if (start == null || from == Long.MAX_VALUE || trajectory.contractDurationMonths == null) {
                return NONE;
            }
            long bound = monthsBound(trajectory.contractDurationMonths, durationLevel);
            return new AfterTheAgreement(from, start + (long) Math.ceil(bound * DAYS_PER_MONTH));
        }

        /** The day a step of this day is released as. */
        long released(long day) {
            return day >= from ? Math.max(day, floor) : day;
        }

        /** The least a day named in a step of this day is released as. */
        long floorOf(long day) {
            return day >= from ? floor : Long.MIN_VALUE;
        }
    }

    /**
     * The upper end of a contract's duration in months, as its record releases it: the band's (12, 24, 36, 60) when
     * the band is released, 24 or at least 60 when only the coarse band is, at least 60 when none is; past 60, in
     * steps of 60 months.
     */
    static long monthsBound(int months, int durationLevel) {
        long beyond = Math.max(60, 60 * (long) Math.ceil(months / 60.0));
        if (durationLevel == 0) {
            return months <= 12 ? 12 : months <= 24 ? 24 : months <= 36 ? 36 : beyond;
        }
        return durationLevel == 1 && months <= 24 ? 24 : beyond;
    }

    /** A duration band in one of two bands. */
    private static String coarseDuration(String band) {
        return band.equals("1-12") || band.equals("13-24") ? "1-24" : "25+";
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

    /** The whole release in memory, for tests and small studies. */
    ResearchResult all(Collection<ResearchTrajectory> all, ResearchFilter filter, ResearchSteps steps) {
        Plan plan = plan(all, filter);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> csv = new ArrayList<>();
        write(plan, steps, rows::add, csv::add);
        ResearchResult header = plan.header();
        return new ResearchResult(header.view(), header.k(), header.filter(), header.trajectories(), rows, csv,
                header.suppressed(), header.anonymisation());
    }
}
