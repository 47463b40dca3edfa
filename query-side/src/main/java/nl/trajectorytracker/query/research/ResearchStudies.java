package nl.trajectorytracker.query.research;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

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
    private final ResearchTrajectoryRepository trajectories;
    private final ResearchSteps steps;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public ResearchStudies(StudyRepository studies, StudyExportRepository exports,
            ResearchTrajectoryRepository trajectories, ResearchSteps steps) {
        this.studies = studies;
        this.exports = exports;
        this.trajectories = trajectories;
        this.steps = steps;
    }

    public StudyView create(StudyRequest request, String administrator) {
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
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Study study = new Study(UUID.randomUUID().toString(), name, purpose, k, eventTypes, fields,
                Base64.getEncoder().encodeToString(secret), Instant.now(clock), administrator);
        return studies.save(study).view();
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

    /** Runs a view of a study for a researcher bound to it, writes it in the format and records the export. */
    public String export(String studyId, List<String> bound, String researcher, String view, ResearchFilter filter,
            ResearchFormat format) {
        if (!bound.contains(studyId)) {
            throw notFound(studyId);
        }
        Study study = study(studyId);
        ResearchViews views = new ResearchViews(study);
        List<ResearchTrajectory> population = trajectories.findAll().stream().filter(filter::matches).toList();
        ResearchResult result;
        if (view.equals("histories")) {
            steps.attachTo(population);
            result = views.histories(population, filter);
        } else {
            List<String> needs = ResearchViews.AGGREGATES.get(view);
            if (needs == null) {
                throw new DomainException(ErrorCode.RESEARCH_VIEW_NOT_FOUND, "No research view " + view);
            }
            if (needs.stream().noneMatch(study::allowsEventType)) {
                throw new DomainException(ErrorCode.OUTSIDE_STUDY_SCOPE,
                        "The study may not see the events of " + view + ": " + needs);
            }
            result = views.aggregate(view, population, filter);
        }
        String written = format.write(studyId, result);
        int rows = format == ResearchFormat.CSV ? result.csvRows().size() : result.rows().size();
        exports.save(new StudyExport(UUID.randomUUID().toString(), studyId, researcher, Instant.now(clock), view,
                Map.copyOf(filter.asMap()), format.name().toLowerCase(java.util.Locale.ROOT), rows,
                result.suppressed().size()));
        return written;
    }

    private Study study(String id) {
        return studies.findById(id).orElseThrow(() -> notFound(id));
    }

    private static DomainException notFound(String id) {
        return new DomainException(ErrorCode.STUDY_NOT_FOUND, "No study with id " + id);
    }
}
