package nl.trajectorytracker.infra.mongo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when no external MongoDB was configured, so the embedded server is wanted. */
class NoMongoUriConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return MongoConfiguration.configuredUri(context.getEnvironment()).isEmpty();
    }
}
