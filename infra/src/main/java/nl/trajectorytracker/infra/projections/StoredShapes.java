package nl.trajectorytracker.infra.projections;

import java.time.Clock;

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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.query.replay.StoredShape;

/**
 * Rebuilds, at start-up, every read model whose projection now stores another {@link StoredShape} than the one it
 * was built with; the shape each read model was built with is kept in {@code read_model_shapes}. A read model with
 * no recorded shape is rebuilt too when events are stored already (it was built by a version that did not record
 * shapes), and simply recorded on an empty store.
 */
@Component
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
        if (builtWith != null || eventsStored()) {
            log.info("Read model {} was built with shape {}; this version stores shape {}: rebuilding it", name,
                    builtWith == null ? "(not recorded)" : builtWith, shape);
            rebuilds.rebuild(name);
        }
        mongo.save(new Document("_id", name).append("shape", shape).append("recordedAt",
                clock.instant().toString()), COLLECTION);
    }

    private boolean eventsStored() {
        TrackingToken head = storage.createHeadToken();
        return head != null && head.position().orElse(-1) >= 0;
    }
}
