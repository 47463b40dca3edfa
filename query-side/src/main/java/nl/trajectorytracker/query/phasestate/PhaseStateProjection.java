package nl.trajectorytracker.query.phasestate;

import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.query.access.ReadScope;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;
import nl.trajectorytracker.query.readmodel.StoredShape;

/**
 * Keeps the state of every phase of every trajectory up to date with {@link PhaseStateFold}, in the order the steps
 * happened. An event whose step happened no earlier than every step applied so far (nearly all of them) is applied to
 * the stored state; one that happened earlier (history logged late) has its place among them, so the trajectory is
 * folded again from the event store up to that event, which gives the same state whenever it is done. Idempotent: an
 * event at or below the stored version has been applied already and is skipped.
 */
@Component
@ProcessingGroup(PhaseStateProjection.NAME)
@StoredShape(2)
public class PhaseStateProjection implements ReplayableProjection {

    public static final String NAME = "phase-state";

    private final PhaseStateDocuments documents;
    private final PhaseStateHistory history;

    public PhaseStateProjection(PhaseStateDocuments documents, PhaseStateHistory history) {
        this.documents = documents;
        this.history = history;
    }

    @EventHandler
    void on(TrajectoryEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        String id = event.trajectoryId().value();
        PhaseState current = documents.find(id).map(PhaseStateDocuments.Stored::state)
                .orElseGet(PhaseState::initial);
        if (sequence <= current.version()) {
            return;
        }
        Instant happened = PhaseStateFold.occurredAt(event, timestamp);
        if (current.lastOccurredAt() != null && happened.isBefore(current.lastOccurredAt())) {
            PhaseStateHistory.Reconstruction refolded = history.reconstruct(event.trajectoryId(),
                    ReadScope.everything(), new PhaseStateHistory.Point(null, null, sequence));
            documents.save(refolded.state(), refolded.lastEvent());
            return;
        }
        PhaseState next = PhaseStateFold.apply(current, event, sequence, timestamp);
        if (next.trajectoryId() == null) {
            return; // a step before the trajectory's start: nothing to key it by
        }
        documents.save(next, new LastEvent(sequence, event.getClass().getSimpleName(), event.occurredAt(), timestamp));
    }

    @ResetHandler
    void reset() {
        documents.deleteAll();
    }

    @Override
    public String processingGroup() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(PhaseStateDocuments.COLLECTION, PhaseStateDocuments.ITEMS);
    }

    @Override
    public Object writingTo(MongoOperations mongo, String prefix) {
        return new PhaseStateProjection(new PhaseStateDocuments(mongo, prefix), history);
    }
}
