package nl.trajectorytracker.infra.audit.accesslog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;

import nl.trajectorytracker.infra.security.Role;
import nl.trajectorytracker.infra.security.TrackerPrincipal;

/**
 * Records every audit read in {@code audit_access_log} (insert-only): the history, verification and export of a
 * trajectory by anyone, and any read of trajectories or of {@code /api/audit/**} by an auditor. Who (account id, name, role, organisation),
 * what (method, path, query, trajectory id, answer status) and when. Reads answered 404 (unknown or out of
 * scope) are recorded too; requests that security refuses (401, 403) never reach it.
 */
@Component
public class AuditAccessLog implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditAccessLog.class);
    private static final Pattern TRAJECTORY = Pattern.compile("^/api/trajectories/([^/]+)(/([^/]+))?.*$");
    private static final List<String> AUDIT_READS = List.of("history", "verify", "export");

    private final MongoCollection<Document> entries;
    private final Clock clock;

    public AuditAccessLog(MongoDatabase trackerDatabase, Clock clock) {
        this.entries = trackerDatabase.getCollection("audit_access_log");
        this.clock = clock;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        TrackerPrincipal who = TrackerPrincipal.current().orElse(null);
        if (who == null) {
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher matcher = TRAJECTORY.matcher(path);
        String trajectoryId = matcher.matches() ? matcher.group(1) : null;
        String read = matcher.matches() ? matcher.group(3) : null;
        boolean auditRead = read != null && AUDIT_READS.contains(read);
        if (!auditRead && who.role() != Role.AUDITOR) {
            return;
        }
        // an id of its own, so that the journaled entry restored after a crash is the same entry, not a second one
        Document entry = new Document("_id", new ObjectId()).append("at", clock.instant().toString())
                .append("accountId", who.id())
                .append("who", who.name())
                .append("role", who.role().name())
                .append("organisation", who.organisation())
                .append("action", auditRead ? read : "read")
                .append("method", request.getMethod())
                .append("path", path)
                .append("query", request.getQueryString())
                .append("trajectoryId", trajectoryId)
                .append("status", response.getStatus());
        try {
            entries.insertOne(entry);
        } catch (RuntimeException e) {
            log.error("Could not record the audit read {}", entry.toJson(), e);
        }
    }

    /** A page of the log, newest first. */
    public List<Document> page(int page, int size) {
        List<Document> found = new ArrayList<>();
        entries.find().sort(Sorts.descending("_id")).skip(page * size).limit(size).forEach(entry -> {
            entry.put("id", entry.remove("_id").toString());
            found.add(entry);
        });
        return found;
    }

    public long count() {
        return entries.countDocuments();
    }
}
