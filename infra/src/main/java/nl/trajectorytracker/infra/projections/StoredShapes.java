package nl.trajectorytracker.infra.projections;

import java.time.Clock;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.StartupOrder;
import nl.trajectorytracker.query.readmodel.StoredShape;

/**
 * Rebuilds, at start-up, every read model whose projection now stores another {@link StoredShape} than the one it
 * was built with; the shape each read model was built with is kept in {@code read_model_shapes}. A read model with
 * no recorded shape is rebuilt too when events are stored already (it was built by a version that did not record
 * shapes), and simply recorded on an empty store. The start-up waits for the rebuild, so the application is ready
 * only when the read model answers in the new shape. Of several instances starting at once, the one that records the
 * new shape first rebuilds; a rebuild that cannot start (an instance of the previous version still holds the
 * processor) is logged, and the old shape is put back so that the next start tries again.
 */
@Component
@Order(StartupOrder.STORED_SHAPES)
public class StoredShapes implements ApplicationRunner {

    static final String COLLECTION = "read_model_shapes";
    private static final Logger log = LoggerFactory.getLogger(StoredShapes.class);

    private final ApplicationContext context;
    private final MongoTemplate mongo;
    private final ProjectionRebuilds rebuilds;
    private final EventStorageEngine storage;
    private final Clock clock;

    public StoredShapes(ApplicationContext context, MongoTemplate mongo, ProjectionRebuilds rebuilds,
            EventStorageEngine storage, Clock clock) {
        this.context = context;
        this.mongo = mongo;
        this.rebuilds = rebuilds;
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        for (Object projection : context.getBeansWithAnnotation(StoredShape.class).values()) {
            Class<?> type = AopUtils.getTargetClass(projection);
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
            StoredShape shape = AnnotatedElementUtils.findMergedAnnotation(type, StoredShape.class);
            if (group == null || shape == null) {
                throw new IllegalStateException(type.getName() + " has a @StoredShape but no @ProcessingGroup");
            }
            check(group.value(), shape.value());
        }
    }

    private void check(String name, int shape) {
        Document recorded = mongo.findById(name, Document.class, COLLECTION);
        Integer builtWith = recorded == null ? null : recorded.getInteger("shape");
        if (builtWith != null && builtWith == shape) {
            return;
        }
        boolean needsRebuild = builtWith != null || eventsStored();
        if (!claim(name, builtWith, shape)) {
            return; // another instance starting at the same time took it on
        }
        if (!needsRebuild) {
            return;
        }
        log.info("Read model {} was built with shape {}; this version stores shape {}: rebuilding it", name,
                builtWith == null ? "(not recorded)" : builtWith, shape);
        try {
            rebuilds.rebuildAndWait(List.of(name));
        } catch (RuntimeException e) {
            // typically an instance of the previous version still holds the processor's segments
            release(name, builtWith, shape);
            log.error("Could not rebuild read model {} ({}); it answers from documents of shape {} until it is "
                    + "rebuilt: stop the instances of the previous version, then POST "
                    + "/api/admin/projections/{}/rebuild or restart", name, e.getMessage(), builtWith, name);
        }
    }

    /** Records the new shape unless another instance did so first; only the instance that records it rebuilds. */
    private boolean claim(String name, Integer builtWith, int shape) {
        Document next = new Document("_id", name).append("shape", shape)
                .append("recordedAt", clock.instant().toString());
        if (builtWith == null) {
            try {
                mongo.insert(next, COLLECTION);
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(name).and("shape").is(builtWith)),
                new Update().set("shape", shape).set("recordedAt", next.get("recordedAt")), COLLECTION)
                .getModifiedCount() == 1;
    }

    /** Puts the shape the read model was really built with back, so that the next start tries again. */
    private void release(String name, Integer builtWith, int shape) {
        Query claimed = Query.query(Criteria.where("_id").is(name).and("shape").is(shape));
        if (builtWith == null) {
            mongo.remove(claimed, COLLECTION);
        } else {
            mongo.updateFirst(claimed, new Update().set("shape", builtWith), COLLECTION);
        }
    }

    private boolean eventsStored() {
        TrackingToken head = storage.createHeadToken();
        return head != null && head.position().orElse(-1) >= 0;
    }
}
