package nl.trajectorytracker.query.trusttrend;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.events.TrustAssessed;
import nl.trajectorytracker.query.readmodel.DocumentStore;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;
import nl.trajectorytracker.query.trusttrend.TrustTrend.Assessment;
import nl.trajectorytracker.query.trusttrend.TrustTrend.Counterpart;

/** Writes the trust trend of each trajectory, per counterpart. */
@Component
@ProcessingGroup(TrustTrendProjection.NAME)
public class TrustTrendProjection implements ReplayableProjection {

    public static final String NAME = "trust-trend";
    public static final String COLLECTION = "trust_trend";

    private final DocumentStore<TrustTrend> trends;

    @Autowired
    public TrustTrendProjection(MongoOperations mongo) {
        this(new DocumentStore<>(mongo, TrustTrend.class, COLLECTION));
    }

    TrustTrendProjection(DocumentStore<TrustTrend> trends) {
        this.trends = trends;
    }

    @EventHandler
    void on(TrajectoryStarted event, @SequenceNumber long sequence) {
        if (trends.find(event.trajectoryId().value()).isEmpty()) {
            trends.save(new TrustTrend(event.trajectoryId().value(), event.parties(), List.of(), sequence));
        }
    }

    @EventHandler
    void on(TrustAssessed e, @SequenceNumber long sequence) {
        trends.updateIfNewer(e.trajectoryId().value(), sequence, TrustTrend::lastSequence, trend -> {
                    Assessment assessment = new Assessment(sequence, e.personTrust().value(),
                            e.organisationTrust().value(), e.phase(), e.note(), e.actor().principal(),
                            e.actor().organisation(), e.occurredAt());
                    List<Counterpart> counterparts = new ArrayList<>(trend.counterparts());
                    int index = indexOf(counterparts, e.counterpart());
                    List<Assessment> assessments = new ArrayList<>(
                            index < 0 ? List.of() : counterparts.get(index).assessments());
                    assessments.add(assessment);
                    Assessment first = assessments.get(0);
                    Counterpart counterpart = new Counterpart(e.counterpart(), assessments, assessment.personTrust(),
                            assessment.organisationTrust(), assessment.personTrust() - first.personTrust(),
                            assessment.organisationTrust() - first.organisationTrust());
                    if (index < 0) {
                        counterparts.add(counterpart);
                    } else {
                        counterparts.set(index, counterpart);
                    }
                    return new TrustTrend(trend.id(), trend.parties(), counterparts, sequence);
                });
    }

    private static int indexOf(List<Counterpart> counterparts, String name) {
        for (int i = 0; i < counterparts.size(); i++) {
            if (counterparts.get(i).counterpart().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @ResetHandler
    void reset() {
        trends.clear();
    }

    @Override
    public String processingGroup() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public Object writingTo(MongoOperations mongo, String prefix) {
        return new TrustTrendProjection(new DocumentStore<>(mongo, TrustTrend.class, prefix + COLLECTION));
    }
}
