package nl.trajectorytracker.infra.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.audit.verification.Verification;
import nl.trajectorytracker.infra.eventstore.CommitReader;
import nl.trajectorytracker.infra.eventstore.StoredNumbers;

/**
 * Looks for trajectories the audit log holds whose last logged commit the store no longer holds (a trajectory
 * deleted, or cut back, in the database), and verifies each, which reports its break. A verification finds that
 * for the trajectory asked about; a deleted trajectory is also gone from the lists auditors start from (read models),
 * so no one would ask. Runs after each start and then every {@code tracker.audit.store-sweep-interval}, reading the
 * last positions by {@code _id} a window at a time.
 */
@Component
class StoreSweep {

    private static final Logger log = LoggerFactory.getLogger(StoreSweep.class);
    private static final int WINDOW = 1_000;

    private final AuditLog auditLog;
    private final AuditTrail trail;
    private final CommitReader store;

    StoreSweep(AuditLog auditLog, AuditTrail trail, CommitReader store) {
        this.auditLog = auditLog;
        this.trail = trail;
        this.store = store;
    }

    @Scheduled(initialDelayString = "${tracker.audit.store-sweep-initial-delay:PT1M}",
            fixedDelayString = "${tracker.audit.store-sweep-interval:PT1H}")
    void sweep() {
        List<Map.Entry<String, Long>> logged = new ArrayList<>(auditLog.lastPositions().entrySet());
        int broken = 0;
        for (int from = 0; from < logged.size(); from += WINDOW) {
            List<Map.Entry<String, Long>> window = logged.subList(from, Math.min(logged.size(), from + WINDOW));
            Map<Long, Object> stored = new HashMap<>();
            for (Document commit : store.commitsAt(window.stream().map(Map.Entry::getValue).toList())) {
                stored.put(StoredNumbers.of(commit, "_id"), commit.get("agg"));
            }
            for (Map.Entry<String, Long> trajectory : window) {
                if (!trajectory.getKey().equals(stored.get(trajectory.getValue()))
                        && trail.verify(trajectory.getKey()).status() == Verification.Status.BROKEN) {
                    broken++;
                }
            }
        }
        if (broken > 0) {
            log.error("Audit: {} trajectories of the log no longer end in the store where the log has them; each is"
                    + " reported", broken);
        }
    }
}
