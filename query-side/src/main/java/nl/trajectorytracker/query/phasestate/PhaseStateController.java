package nl.trajectorytracker.query.phasestate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrajectoryIds;
import nl.trajectorytracker.query.access.ReadScope;
import nl.trajectorytracker.query.access.ReadScopeResolver;
import nl.trajectorytracker.query.phasestate.PhaseStateHistory.Point;
import nl.trajectorytracker.query.phasestate.PhaseStateHistory.Reconstruction;
import nl.trajectorytracker.query.phasestate.PhaseStateHistory.StoredEvent;
import nl.trajectorytracker.query.readmodel.DatabaseFailures;

/**
 * The state of every phase of a trajectory: now, from the live read model, or at a point on its two time axes,
 * reconstructed from the event store ({@code asOf}: when steps happened; {@code knownAt}: when they were recorded;
 * {@code version}: the record's position); the difference between two points; and the audit report. A trajectory
 * outside the reader's scope answers 404, exactly like an unknown one.
 */
@RestController
public class PhaseStateController {

    static final String SOURCE_READ_MODEL = "read-model";
    static final String SOURCE_EVENT_STORE = "event-store";
    private static final Logger log = LoggerFactory.getLogger(PhaseStateController.class);
    private static final List<MediaType> REPORT_FORMATS = List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML,
            MediaType.APPLICATION_PDF);

    private final PhaseStateDocuments documents;
    private final PhaseStateHistory history;
    private final ReadScopeResolver scopes;

    public PhaseStateController(PhaseStateDocuments documents, PhaseStateHistory history, ReadScopeResolver scopes) {
        this.documents = documents;
        this.history = history;
        this.scopes = scopes;
    }

    /** The phases of one trajectory and where they came from; the point asked for, if any. */
    public record PhaseStateView(String trajectoryId, String source, Instant asOf, Instant knownAt,
            Long requestedVersion, long version, LastEvent lastEvent, PhaseState state) {
    }

    /** One phase: its progress and everything recorded in it. */
    public record PhaseView(String trajectoryId, String source, Instant asOf, Instant knownAt, Long requestedVersion,
            long version, LastEvent lastEvent, Phase phase, PhaseState.PhaseProgress progress, Object recorded) {
    }

    /** An event in one point of a diff and not in the other; {@code in} says which ({@code from} or {@code to}). */
    public record EventLine(long sequence, String type, Instant occurredAt, Instant recordedAt, String actor,
            String in) {
    }

    public record DiffView(String trajectoryId, PointView from, PointView to, List<String> highlights,
            List<PhaseStateDiff.Change> changes, List<EventLine> events) {
    }

    public record PointView(Instant asOf, Instant knownAt, Long requestedVersion, long version, LastEvent lastEvent) {
    }

    @GetMapping("/api/trajectories/{id}/phases")
    public PhaseStateView phases(@PathVariable String id, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String knownAt, @RequestParam(required = false) String version,
            HttpServletRequest request) {
        return view(id, Point.of(asOf, knownAt, version), request);
    }

    @GetMapping("/api/audit/trajectories/{id}/state")
    public PhaseStateView auditState(@PathVariable String id, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String knownAt, @RequestParam(required = false) String version,
            HttpServletRequest request) {
        return reconstructed(id, history.reconstruct(TrajectoryIds.fromPath(id), scopes.scopeOf(request),
                Point.of(asOf, knownAt, version)));
    }

    @GetMapping("/api/trajectories/{id}/phases/{phase}")
    public PhaseView phase(@PathVariable String id, @PathVariable("phase") String phaseName,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) String knownAt,
            @RequestParam(required = false) String version, HttpServletRequest request) {
        Phase phase = phase(phaseName);
        PhaseStateView view = view(id, Point.of(asOf, knownAt, version), request);
        return new PhaseView(view.trajectoryId(), view.source(), view.asOf(), view.knownAt(), view.requestedVersion(),
                view.version(), view.lastEvent(), phase, view.state().progressOf(phase), view.state().section(phase));
    }

    /**
     * What changed between two points: {@code from} and {@code to} are each a moment along {@code occurredAt} or a
     * version, {@code fromKnownAt} and {@code toKnownAt} a moment along {@code recordedAt}; without {@code to} and
     * {@code toKnownAt} the second point is now.
     */
    @GetMapping("/api/trajectories/{id}/diff")
    public DiffView diff(@PathVariable String id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String fromKnownAt,
            @RequestParam(required = false) String toKnownAt, HttpServletRequest request) {
        TrajectoryId trajectoryId = TrajectoryIds.fromPath(id);
        Point fromPoint = Point.end("from", from, "fromKnownAt", fromKnownAt);
        if (fromPoint == null) {
            throw new InvalidValueException("from", "is required (or fromKnownAt): a moment (a date such as "
                    + "2026-03-01 or a timestamp such as 2026-03-01T12:00:00Z) or a version (a number)");
        }
        Point toPoint = Point.end("to", to, "toKnownAt", toKnownAt);
        if (toPoint == null) {
            toPoint = Point.now();
        }
        List<StoredEvent> events = history.events(trajectoryId, scopes.scopeOf(request));
        Reconstruction before = PhaseStateHistory.fold(events, fromPoint);
        Reconstruction after = PhaseStateHistory.fold(events, toPoint);
        List<PhaseStateDiff.Change> changes = PhaseStateDiff.changes(before.state(), after.state());
        Point earlier = fromPoint;
        Point later = toPoint;
        List<EventLine> between = events.stream()
                .filter(event -> earlier.includes(event) != later.includes(event))
                .map(event -> new EventLine(event.sequence(), event.type(), event.occurredAt(), event.recordedAt(),
                        event.actor(), later.includes(event) ? "to" : "from"))
                .toList();
        return new DiffView(trajectoryId.value(), point(before), point(after),
                PhaseStateDiff.highlights(before.state(), after.state(), changes), changes, between);
    }

    @GetMapping("/api/trajectories/{id}/report")
    public ResponseEntity<?> report(@PathVariable String id, @RequestParam(required = false) String format,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) String knownAt,
            @RequestParam(required = false) String version,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        String chosen = format(format, accept);
        Reconstruction reconstruction = history.reconstruct(TrajectoryIds.fromPath(id), scopes.scopeOf(request),
                Point.of(asOf, knownAt, version));
        AuditReport report = AuditReport.of(reconstruction);
        return switch (chosen) {
            case "html" -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML,
                    java.nio.charset.StandardCharsets.UTF_8)).body(AuditReportDocument.html(report));
            case "pdf" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"audit-report-" + report
                            .trajectoryId() + ".pdf\"")
                    .body(AuditReportDocument.pdf(report));
            default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        };
    }

    private PhaseStateView view(String id, Point point, HttpServletRequest request) {
        TrajectoryId trajectoryId = TrajectoryIds.fromPath(id);
        ReadScope scope = scopes.scopeOf(request);
        if (point.isNow()) {
            Optional<PhaseStateDocuments.Stored> found;
            try {
                found = documents.find(trajectoryId.value());
            } catch (RuntimeException e) {
                if (DatabaseFailures.causedBy(e)) {
                    throw e;
                }
                // its document was changed outside the service into one that cannot be read: the state now, from
                // the events (a rebuild of the read model writes the document anew), where this once answered 500
                log.error("The phase state of trajectory {} cannot be read from its read model; answered from the"
                        + " events until the read model is rebuilt", trajectoryId.value(), e);
                return reconstructed(trajectoryId.value(), history.reconstruct(trajectoryId, scope, point));
            }
            PhaseStateDocuments.Stored stored = found
                    .filter(document -> scope.permits(document.state().parties()))
                    .orElseThrow(() -> new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND,
                            "No trajectory with id " + id));
            return new PhaseStateView(trajectoryId.value(), SOURCE_READ_MODEL, null, null, null,
                    stored.state().version(), stored.lastEvent(), stored.state());
        }
        return reconstructed(trajectoryId.value(), history.reconstruct(trajectoryId, scope, point));
    }

    private static PhaseStateView reconstructed(String id, Reconstruction reconstruction) {
        Point point = reconstruction.point();
        return new PhaseStateView(id, SOURCE_EVENT_STORE, point.asOf(), point.knownAt(), point.version(),
                reconstruction.state().version(), reconstruction.lastEvent(), reconstruction.state());
    }

    private static PointView point(Reconstruction reconstruction) {
        Point point = reconstruction.point();
        return new PointView(point.asOf(), point.knownAt(), point.version(), reconstruction.state().version(),
                reconstruction.lastEvent());
    }

    private static Phase phase(String name) {
        String normalised = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (normalised.chars().allMatch(Character::isDigit) && !normalised.isEmpty()) {
            int number = Integer.parseInt(normalised);
            if (number >= 1 && number <= Phase.values().length) {
                return Phase.values()[number - 1];
            }
        }
        try {
            return Phase.valueOf(normalised);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("phase", "must be one of INTERNAL_PREPARATION, CO_DESIGN, NEGOTIATION, "
                    + "RUNNING_AGREEMENT, AFTER_AGREEMENT (or 1 to 5)");
        }
    }

    private static String format(String format, String accept) throws HttpMediaTypeNotAcceptableException {
        if (format != null) {
            String chosen = format.trim().toLowerCase(Locale.ROOT);
            if (!List.of("json", "html", "pdf").contains(chosen)) {
                throw new InvalidValueException("format", "must be json, html or pdf");
            }
            return chosen;
        }
        if (accept == null) {
            return "json";
        }
        boolean anything = false;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return "json";
            }
            if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
                return "html";
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_PDF) && !type.isWildcardType()) {
                return "pdf";
            }
            anything |= type.isWildcardType();
        }
        if (!anything) {
            // answering JSON to an Accept of image/png only, say, told the client it got what it asked for
            throw new HttpMediaTypeNotAcceptableException(REPORT_FORMATS);
        }
        return "json";
    }
}
