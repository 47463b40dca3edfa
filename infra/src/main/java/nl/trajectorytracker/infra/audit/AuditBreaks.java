package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.eq;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import nl.trajectorytracker.infra.audit.verification.CanonicalJson;
import nl.trajectorytracker.infra.audit.verification.Signatures;
import nl.trajectorytracker.infra.audit.verification.Verification.Break;
import nl.trajectorytracker.infra.audit.verification.Verification.Kind;
import nl.trajectorytracker.infra.eventstore.StoredNumbers;

/**
 * The trajectories whose record does not verify, as found by the audit log when it took a commit in, by the seal
 * when it refused to sign a commit, or by a verification. A trajectory stays reported until an administrator
 * acknowledges the break ({@link #acknowledge}); while it is reported (and unacknowledged) the service signs none of
 * its commits. The break itself stays in the record: verification reports it forever.
 *
 * <p>Reports are kept in {@code audit_breaks} so they survive a restart, and appended to a witness file outside MongoDB
 * ({@code tracker.audit.breaks-witness-file}, default {@code <tracker.data-dir>/audit-breaks.jsonl}): a report deleted
 * from the database is put back at the next start, so a break that the record no longer shows (a changed event put
 * back) stays in its verification. Shown as
 * health {@code DEGRADED} (answered with 200: the service still works), metric {@code tracker_audit_breaks}, an ERROR
 * log line per new report, and {@code GET /api/audit/breaks}. An acknowledgement is signed with the service's key, so
 * one written into the database by someone else does not count.
 */
@Component("auditHealthIndicator")
public class AuditBreaks extends AbstractHealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "a trajectory's record does not verify");

    private static final Logger log = LoggerFactory.getLogger(AuditBreaks.class);

    private final MongoCollection<Document> stored;
    /** Every report, outside MongoDB: a report deleted from the database is put back at the next start. */
    private final WitnessFile witness;
    private final SigningKey key;
    private final Clock clock;
    private final Map<String, Report> reports = new ConcurrentHashMap<>();
    private volatile String logProblem;

    /** A report as the witness file holds it. */
    record Witnessed(String trajectoryId, Break firstBreak, String reportedAt) {
    }

    /** A reported break of one trajectory; {@code acknowledgedBy} and the rest are set once an administrator acts. */
    public record Report(String trajectoryId, Break firstBreak, String reportedAt, String acknowledgedBy,
            String acknowledgedAt, String acknowledgement) {

        public boolean acknowledged() {
            return acknowledgedAt != null;
        }
    }

    public AuditBreaks(MongoDatabase trackerDatabase, SigningKey key, Clock clock, MeterRegistry meters,
            @Value("${tracker.audit.breaks-witness-file:}") String witnessFile,
            @Value("${tracker.data-dir:./data}") Path dataDirectory) {
        this.stored = trackerDatabase.getCollection("audit_breaks");
        this.key = key;
        this.clock = clock;
        this.witness = new WitnessFile(WitnessFile.of(witnessFile, dataDirectory, "audit-breaks.jsonl"));
        for (Document document : stored.find()) {
            Report report = report(document);
            if (report.acknowledged() && !Signatures.verify(key.publicKey(), acknowledgementContent(report)
                    .getBytes(StandardCharsets.UTF_8), StoredCommits.text(document, "signature"))) {
                log.error("Audit: the acknowledgement of trajectory {}'s break is not signed by this service;"
                        + " it does not count", report.trajectoryId());
                report = new Report(report.trajectoryId(), report.firstBreak(), report.reportedAt(), null, null, null);
            }
            reports.put(report.trajectoryId(), report);
        }
        for (Witnessed line : witness.read(new TypeReference<Witnessed>() { })) {
            if (line.trajectoryId() != null && line.firstBreak() != null
                    && !reports.containsKey(line.trajectoryId())) {
                Report restored = new Report(line.trajectoryId(), line.firstBreak(), line.reportedAt(), null, null,
                        null);
                log.error("Audit: the break report of trajectory {} is gone from the database; put back from the"
                        + " witness file {}", line.trajectoryId(), witness.file());
                reports.put(restored.trajectoryId(), restored);
                store(restored);
            }
        }
        Gauge.builder("tracker.audit.breaks", () -> reports.values().stream().filter(r -> !r.acknowledged()).count())
                .description("Trajectories whose record does not verify and that no administrator acknowledged")
                .register(meters);
    }

    /** Reports a break; a trajectory reported already keeps its first report (and its acknowledgement, if any). */
    public void report(String trajectoryId, Break found) {
        Report report = new Report(trajectoryId, found, clock.instant().toString(), null, null, null);
        if (reports.putIfAbsent(trajectoryId, report) == null) {
            log.error("Audit: the record of trajectory {} does not verify: {} at sequence {} (position {}): {}",
                    trajectoryId, found.kind(), found.sequence(), found.globalPosition(), found.reason());
            try {
                witness.append(new Witnessed(trajectoryId, found, report.reportedAt()));
            } catch (RuntimeException e) {
                log.error("Audit: could not witness the break report of trajectory {} outside the database",
                        trajectoryId, e);
            }
            store(report);
        }
    }

    /** Whether new commits of the trajectory must go unsigned: it is reported and not acknowledged. */
    public boolean blocksSigning(String trajectoryId) {
        Report report = reports.get(trajectoryId);
        return report != null && !report.acknowledged();
    }

    public Optional<Report> of(String trajectoryId) {
        return Optional.ofNullable(reports.get(trajectoryId));
    }

    /**
     * An administrator has looked at the break and lets the service sign the trajectory's new commits again, linked
     * to the record as it is stored now. The break stays visible in every verification.
     */
    public Optional<Report> acknowledge(String trajectoryId, String administrator, String reason) {
        Report known = reports.get(trajectoryId);
        if (known == null) {
            return Optional.empty();
        }
        Report acknowledged = new Report(trajectoryId, known.firstBreak(), known.reportedAt(), administrator,
                clock.instant().toString(), reason);
        reports.put(trajectoryId, acknowledged);
        store(acknowledged);
        log.warn("Audit: {} acknowledged the break of trajectory {}: {}", administrator, trajectoryId, reason);
        return Optional.of(acknowledged);
    }

    public List<Report> all() {
        List<Report> all = new ArrayList<>(reports.values());
        all.sort(Comparator.comparing(Report::reportedAt).thenComparing(Report::trajectoryId));
        return all;
    }

    /** The audit log itself does not hold together (it differs from a witnessed tree head); {@code null}: it does. */
    public void logProblem(String problem) {
        if (problem != null && !problem.equals(logProblem)) {
            log.error("Audit: {}", problem);
        }
        this.logProblem = problem;
    }

    public String logProblem() {
        return logProblem;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long open = reports.values().stream().filter(r -> !r.acknowledged()).count();
        builder.status(open > 0 || logProblem != null ? DEGRADED : Status.UP)
                .withDetail("trajectoriesNotVerifying", open)
                .withDetail("acknowledged", reports.size() - open);
        if (logProblem != null) {
            builder.withDetail("log", logProblem);
        }
    }

    private void store(Report report) {
        Document document = new Document("_id", report.trajectoryId())
                .append("kind", report.firstBreak().kind().name())
                .append("sequence", report.firstBreak().sequence())
                .append("globalPosition", report.firstBreak().globalPosition())
                .append("reason", report.firstBreak().reason())
                .append("reportedAt", report.reportedAt())
                .append("acknowledgedBy", report.acknowledgedBy())
                .append("acknowledgedAt", report.acknowledgedAt())
                .append("acknowledgement", report.acknowledgement());
        if (report.acknowledged()) {
            document.append("signature", Signatures.sign(key.privateKey(),
                    acknowledgementContent(report).getBytes(StandardCharsets.UTF_8)));
        }
        stored.replaceOne(eq("_id", report.trajectoryId()), document, new ReplaceOptions().upsert(true));
    }

    private static String acknowledgementContent(Report report) {
        Map<String, Object> members = new java.util.LinkedHashMap<>();
        members.put("kind", "audit-break-acknowledgement");
        members.put("trajectoryId", report.trajectoryId());
        members.put("break", report.firstBreak().kind().name());
        members.put("sequence", report.firstBreak().sequence());
        members.put("acknowledgedBy", report.acknowledgedBy());
        members.put("acknowledgedAt", report.acknowledgedAt());
        members.put("acknowledgement", report.acknowledgement());
        return CanonicalJson.of(members);
    }

    /**
     * A stored report as written, or, where a database write left a field that this service never writes (an unknown
     * kind, a number as text), as a report that says so: a break report is evidence, kept rather than refused, and a
     * start never fails on one.
     */
    private static Report report(Document document) {
        Kind kind;
        String reason = StoredCommits.text(document, "reason");
        try {
            kind = Kind.valueOf(StoredCommits.text(document, "kind"));
        } catch (IllegalArgumentException | NullPointerException e) {
            kind = Kind.FORGED_EVENT;
            reason = "a stored break report of a kind this service does not write (" + document.get("kind") + "): "
                    + reason;
        }
        Long sequence;
        Long position;
        try {
            sequence = StoredNumbers.nullable(document, "sequence");
            position = StoredNumbers.nullable(document, "globalPosition");
        } catch (IllegalStateException e) {
            sequence = null;
            position = null;
            reason = "a stored break report whose sequence or position is not a number: " + reason;
        }
        return new Report(StoredCommits.text(document, "_id"), new Break(kind, sequence, position, reason),
                StoredCommits.text(document, "reportedAt"), StoredCommits.text(document, "acknowledgedBy"), StoredCommits.text(document, "acknowledgedAt"),
                StoredCommits.text(document, "acknowledgement"));
    }
}
