package nl.trajectorytracker.infra.mongo;

import java.util.Set;

import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterDeleteEvent;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.eventstore.DurabilityBarrier;
import nl.trajectorytracker.query.research.Study;
import nl.trajectorytracker.query.research.StudyExport;

/**
 * Research studies and the record of their exports are written by the query side through Spring Data, which knows
 * nothing of the embedded server's durability: a saved study or a recorded export is made to survive a crash before
 * the request that wrote it is answered. Read models are not listed: they are rebuilt from the events.
 */
@Component
class DurableResearchRecords extends AbstractMongoEventListener<Object> {

    private static final Set<String> COLLECTIONS = Set.of(Study.COLLECTION, StudyExport.COLLECTION);

    private final DurabilityBarrier durability;

    DurableResearchRecords(DurabilityBarrier durability) {
        this.durability = durability;
    }

    @Override
    public void onAfterSave(AfterSaveEvent<Object> event) {
        if (COLLECTIONS.contains(event.getCollectionName())) {
            durability.awaitDurable();
        }
    }

    @Override
    public void onAfterDelete(AfterDeleteEvent<Object> event) {
        if (COLLECTIONS.contains(event.getCollectionName())) {
            durability.awaitDurable();
        }
    }
}
