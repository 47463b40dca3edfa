package nl.trajectorytracker.infra.projections;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import nl.trajectorytracker.infra.audit.AuditTrail;
import nl.trajectorytracker.infra.audit.verification.Verification;
import nl.trajectorytracker.query.readmodel.DatabaseFailures;

/**
 * What every read model does with a stored event it cannot read, live and in a rebuild alike.
 * <p>
 * An event whose trajectory's record the audit finds altered (its verification BROKEN) was changed outside the
 * service: the read models skip it, say so in the log and in the metric {@value #SKIPPED}, and the break stays
 * reported to the auditors ({@code AuditBreaks}), whose history of the trajectory shows the event as stored. Waiting
 * for it, as the read models once did, stopped them for every trajectory, and kept every rebuild from finishing, the
 * one that takes an erased person's name out of the read models too.
 * <p>
 * An event that cannot be read in a record that verifies is one the service stored itself: this version cannot read
 * what it wrote, a fault of the code and not of the record. Skipping it would drop a step that was acknowledged, so
 * the read model fails its batch and waits for a version that can read it (its batch is retried; health says DOWN
 * once it has stalled). So does any other failure of a handler.
 */
@Component
public class UnreadableEvents implements ListenerInvocationErrorHandler {

    static final String SKIPPED = "tracker.read_models.events_skipped";
    private static final Logger log = LoggerFactory.getLogger(UnreadableEvents.class);

    private final ObjectProvider<AuditTrail> audit;
    private final MeterRegistry meters;

    /** The audit is looked up when an event fails, not before: it reads the event store these handlers follow. */
    public UnreadableEvents(ObjectProvider<AuditTrail> audit, MeterRegistry meters) {
        this.audit = audit;
        this.meters = meters;
    }

    @Override
    public void onError(Exception failure, EventMessage<?> event, EventMessageHandler handler) throws Exception {
        if (!skips(handler.getTargetType().getSimpleName(), event, failure)) {
            throw failure;
        }
    }

    /**
     * Whether the read model skips this event, which failed in its handler: only when the event cannot be read and
     * its trajectory's record does not verify.
     */
    public boolean skips(String readModel, EventMessage<?> event, Exception failure) {
        if (DatabaseFailures.causedBy(failure) || !unreadable(event) || !(event instanceof DomainEventMessage<?> stored)
                || stored.getAggregateIdentifier() == null) {
            return false;
        }
        String trajectory = stored.getAggregateIdentifier();
        Verification verification;
        try {
            verification = audit.getObject().verify(trajectory);
        } catch (RuntimeException e) {
            log.warn("Read model {} cannot read event {} of trajectory {}, and its record could not be verified; the"
                    + " read model waits", readModel, event.getIdentifier(), trajectory, e);
            return false;
        }
        if (verification.status() != Verification.Status.BROKEN) {
            log.error("Read model {} cannot read event {} (sequence {}) of trajectory {}, whose record verifies: this"
                    + " version cannot read what the service stored; the read model waits for one that can",
                    readModel, event.getIdentifier(), stored.getSequenceNumber(), trajectory, failure);
            return false;
        }
        log.error("Read model {} skips event {} (sequence {}) of trajectory {}: it cannot be read, and the record was"
                + " changed outside the service ({})", readModel, event.getIdentifier(), stored.getSequenceNumber(),
                trajectory, verification.summary());
        Counter.builder(SKIPPED).description("Events the read models skipped: unreadable, in a record altered outside"
                + " the service").tag("read_model", readModel).register(meters).increment();
        return true;
    }

    /**
     * Whether the payload or metadata fails to deserialize, other than for want of the database: a handler that
     * fails on its own leaves the event readable.
     */
    private static boolean unreadable(EventMessage<?> event) {
        try {
            event.getPayload();
            event.getMetaData();
            return false;
        } catch (RuntimeException e) {
            // the database out of reach (opening sealed personal data reads keys from it): a failure to wait out
            return !DatabaseFailures.causedBy(e);
        }
    }
}
