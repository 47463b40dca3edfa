package nl.trajectorytracker.query.research;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Require;

/** Creates studies, finds them for their researchers, runs their views and records every export. */
@Service
public class ResearchStudies {

    static final int DEFAULT_K = 5;
    static final int MIN_K = 2;
    static final int MAX_K = 1000;
    private static final String EVENT_PACKAGE = TrajectoryEvent.class.getPackageName() + ".";

    private final StudyRepository studies;
    private final StudyExportRepository exports;
    private final ResearchPopulation population;
    private final ResearchSteps steps;
    private final ResearchKeys keys;
    private final ReleaseMemory memory;
    private final MongoOperations mongo;
    private final Clock clock = Clock.systemUTC();
    /**
     * One release at a time, of any study, so that the overlap control sees every earlier release (studies share
     * the release memory).
     */
    private final Object releasing = new Object();
    /** Releases already made, by what decides them; a new revision of the read model makes new keys. */
    private final Cache<ReleaseKey, ResearchResult> released = Caffeine.newBuilder().maximumSize(1_000).build();

    public ResearchStudies(StudyRepository studies, StudyExportRepository exports, ResearchPopulation population,
            ResearchSteps steps, ResearchKeys keys, ReleasedSets memory, MongoOperations mongo) {
        this.studies = studies;
        this.exports = exports;
        this.population = population;
        this.steps = steps;
        this.keys = keys;
        this.memory = memory;
        this.mongo = mongo;
    }

    public StudyView create(StudyRequest request, String administrator) {
        return create(UUID.randomUUID().toString(), request, administrator);
    }

    /** Creates the study with this id unless it exists; answers the study either way. */
    public StudyView ensure(String id, StudyRequest request, String administrator) {
        return studies.findById(id).map(Study::view).orElseGet(() -> create(id, request, administrator));
    }

    private StudyView create(String id, StudyRequest request, String administrator) {
        if (request == null) {
            throw new InvalidValueException("body", "is required");
        }
        String name = Require.text("name", request.name(), 200);
        String purpose = Require.text("purpose", request.purpose(), 2000);
        int k = request.k() == null ? DEFAULT_K : Require.between("k", request.k(), MIN_K, MAX_K);
        List<String> eventTypes = Require.optionalTexts("eventTypes", request.eventTypes(), 100, 100);
        for (String type : eventTypes) {
            if (!isEventType(type)) {
                throw new InvalidValueException("eventTypes", type + " is not an event type");
            }
        }
        List<String> fields = Require.optionalTexts("fields", request.fields(), 200, 100);
        String secret = Base64.getEncoder().encodeToString(ResearchKeys.randomKey());
        Study study = new Study(id, name, purpose, k, eventTypes, fields,
                keys.seal(Study.boundContext(id, k, eventTypes, fields), secret), Instant.now(clock), administrator);
        return studies.save(study).view();
    }

    /**
     * Seals the secrets of studies stored before secrets were sealed (a plain {@code secret} field), and drops the
     * plain text; seals those stored before their settings were bound to their secret anew, bound to the settings
     * they have at this start. Answers how many were sealed.
     */
    public int sealStoredSecrets() {
        int sealed = 0;
        Query plain = new Query(Criteria.where("secret").exists(true));
        for (Document stored : mongo.find(plain, Document.class, Study.COLLECTION)) {
            String id = String.valueOf(stored.get("_id"));
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                    new Update().set("sealedSecret", keys.seal(Study.secretContext(id), stored.getString("secret")))
                            .unset("secret"), Study.COLLECTION);
            sealed++;
        }
        for (Study study : studies.findAll()) {
            sealed += bindSettings(study) ? 1 : 0;
        }
        return sealed;
    }

    /**
     * Seals the secret of a study stored before its settings were bound to it anew, bound to them as they are now;
     * answers whether it did. A study whose secret opens neither way stays as it is, and answers that its secret is
     * unavailable.
     */
    private boolean bindSettings(Study study) {
        if (study.sealedSecret() == null) {
            return false;
        }
        try {
            study.secret(keys);
            return false;
        } catch (ResearchKeys.SealedUnderAnotherKey bound) {
            try {
                String secret = keys.open(Study.secretContext(study.id()), study.sealedSecret());
                mongo.updateFirst(Query.query(Criteria.where("_id").is(study.id())), new Update().set("sealedSecret",
                        keys.seal(study.boundContext(), secret)), Study.COLLECTION);
                return true;
            } catch (ResearchKeys.SealedUnderAnotherKey legacy) {
                return false;
            }
        }
    }

    private static boolean isEventType(String type) {
        try {
            return type.matches("[A-Z][A-Za-z]+")
                    && TrajectoryEvent.class.isAssignableFrom(Class.forName(EVENT_PACKAGE + type))
                    && !type.equals("TrajectoryEvent");
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public List<StudyView> all() {
        return studies.findAll().stream().map(Study::view).toList();
    }

    /** A study by id; an unknown id is a 404. */
    public StudyView one(String id) {
        return study(id).view();
    }

    public List<StudyExport> exportsOf(String id) {
        study(id);
        return exports.findByStudyIdOrderByAtAsc(id);
    }

    /** The studies among the given ids that exist. */
    public List<StudyView> ofResearcher(List<String> ids) {
        List<StudyView> views = new ArrayList<>();
        studies.findAllById(ids).forEach(study -> views.add(study.view()));
        return views;
    }

    /** A study the researcher is bound to; any other id answers 404 like an unknown one. */
    public StudyView forResearcher(String id, List<String> bound) {
        if (!bound.contains(id)) {
            throw notFound(id);
        }
        return one(id);
    }

    /** A release ready to be written. */
    public interface Export {

        /** Writes the release and records the export; the whole of a histories release is read while it is written. */
        void writeTo(Writer out);
    }

    /**
     * Prepares a view of a study for a researcher bound to it: everything that can refuse the request (an unknown
     * study or view, a view outside the study's scope) is decided here, before anything is written.
     */
    public Export export(String studyId, List<String> bound, String researcher, String view, ResearchFilter filter,
            ResearchFormat format) {
        if (!bound.contains(studyId)) {
            throw notFound(studyId);
        }
        Study study = releasing(studyId);
        try {
            if (view.equals("histories")) {
                return histories(study, researcher, filter, format);
            }
            ResearchResult result = aggregate(study, view, filter);
            String written = format.write(studyId, result);
            int rows = format == ResearchFormat.CSV ? result.csvRows().size() : result.rows().size();
            return out -> {
                try {
                    out.write(written);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                record(study, researcher, view, filter, format, rows, result.suppressed().size());
            };
        } catch (ResearchKeys.SealedUnderAnotherKey e) {
            throw secretUnavailable(studyId);
        }
    }

    /**
     * An aggregate: served from the cache while the research read model has not changed since the same release
     * (which reveals nothing that release did not), else released anew, one release at a time.
     */
    private ResearchResult aggregate(Study study, String view, ResearchFilter filter) {
        List<String> needs = ResearchViews.AGGREGATES.get(view);
        if (needs == null) {
            throw new DomainException(ErrorCode.RESEARCH_VIEW_NOT_FOUND, "No research view " + view);
        }
        if (needs.stream().noneMatch(study::allowsEventType)) {
            throw new DomainException(ErrorCode.OUTSIDE_STUDY_SCOPE,
                    "The study may not see the events of " + view + ": " + needs);
        }
        ResearchPopulation.Snapshot snapshot = population.snapshot();
        ReleaseKey key = new ReleaseKey(snapshot.revision(), study.id(), study.k(), view, filter);
        ResearchResult cached = released.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        synchronized (releasing) {
            return released.get(key, x -> new ResearchViews(study, keys, memory).aggregate(view,
                    snapshot.trajectories(), snapshot.classes(study.k()), filter));
        }
    }

    private Export histories(Study study, String researcher, ResearchFilter filter, ResearchFormat format) {
        LocalDate today = LocalDate.now(clock);
        Histories histories = new Histories(study, keys, memory, today);
        ResearchPopulation.Due due = population.snapshot().due(study.k(), today);
        Histories.Plan plan;
        synchronized (releasing) {
            plan = histories.plan(due.trajectories(), due.levels(), filter);
        }
        List<String> columns = new ArrayList<>(List.of("trajectory", "startYear", "startQuarter", "playbookVersion",
                "partyTypes", "step", "type", "phase", "day"));
        if (study.allowsField("person")) {
            columns.add("person");
        }
        if (study.allowsField("organisation")) {
            columns.add("organisation");
        }
        columns.add("fields");
        return out -> {
            ResearchFormat.RowWriter writer = format.open(out, study.id(), plan.header(), columns);
            boolean csv = format == ResearchFormat.CSV;
            histories.write(plan, steps, csv ? null : writer::row, csv ? writer::csvRow : null);
            writer.close();
            record(study, researcher, "histories", filter, format, writer.rows(), plan.header().suppressed().size());
        };
    }

    private void record(Study study, String researcher, String view, ResearchFilter filter, ResearchFormat format,
            int rows, int suppressed) {
        exports.save(new StudyExport(UUID.randomUUID().toString(), study.id(), researcher, Instant.now(clock), view,
                Map.copyOf(filter.asMap()), format.name().toLowerCase(Locale.ROOT), rows, suppressed));
    }

    /** What decides a release: the read model's revision, the study, its k, the view and the filter. */
    private record ReleaseKey(String revision, String study, int k, String view, ResearchFilter filter) {
    }

    private static DomainException secretUnavailable(String studyId) {
        return new DomainException(ErrorCode.STUDY_SECRET_UNAVAILABLE, "Study " + studyId + " cannot be opened:"
                + " its settings (k, event types, fields) were changed outside the service, or it was sealed under"
                + " another research key than the service has now (restore that key: tracker.research.key)");
    }

    private Study study(String id) {
        return studies.findById(id).orElseThrow(() -> notFound(id));
    }

    /** A study to release from: one whose settings still open its secret. */
    private Study releasing(String id) {
        Study study = study(id);
        try {
            study.secret(keys);
        } catch (ResearchKeys.SealedUnderAnotherKey e) {
            // its settings changed in the database, or sealed under another research key: it releases nothing
            throw secretUnavailable(id);
        }
        return study;
    }

    private static DomainException notFound(String id) {
        return new DomainException(ErrorCode.STUDY_NOT_FOUND, "No study with id " + id);
    }
}
