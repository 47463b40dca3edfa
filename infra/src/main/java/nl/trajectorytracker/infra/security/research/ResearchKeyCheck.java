package nl.trajectorytracker.infra.security.research;

import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.StartupOrder;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds;
import nl.trajectorytracker.query.research.ResearchKeys;
import nl.trajectorytracker.query.research.ResearchProjection;
import nl.trajectorytracker.query.research.ResearchStudies;
import nl.trajectorytracker.query.research.ResearchTrajectory;

/**
 * At start-up: the research read model must have been built under the research key the service has now (its keys
 * and sealed values mean nothing under another), so a read model built under another key, recognised by the key's
 * fingerprint in {@code research_key}, is rebuilt. Then the secrets of studies stored before secrets were sealed
 * are sealed.
 */
@Component
@Order(StartupOrder.RESEARCH_KEY_CHECK)
public class ResearchKeyCheck implements ApplicationRunner {

    static final String COLLECTION = "research_key";
    private static final String ID = "fingerprint";
    private static final Logger log = LoggerFactory.getLogger(ResearchKeyCheck.class);

    private final ResearchKeys keys;
    private final MongoTemplate mongo;
    private final ProjectionRebuilds rebuilds;
    private final ResearchStudies studies;

    public ResearchKeyCheck(ResearchKeys keys, MongoTemplate mongo, ProjectionRebuilds rebuilds,
            ResearchStudies studies) {
        this.keys = keys;
        this.mongo = mongo;
        this.rebuilds = rebuilds;
        this.studies = studies;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        Document recorded = mongo.findById(ID, Document.class, COLLECTION);
        String builtUnder = recorded == null ? null : recorded.getString("key");
        if (!keys.fingerprint().equals(builtUnder)) {
            boolean built = builtUnder != null
                    || mongo.getCollection(ResearchTrajectory.COLLECTION).find().limit(1).first() != null;
            // a rebuild asked for already (on another instance, or before this one stopped) is recorded, and runs
            boolean rebuilding = rebuilds.latestRebuild(ResearchProjection.NAME)
                    .map(progress -> progress.finishedAt() == null).orElse(false);
            boolean rebuilt = true;
            if (built && !rebuilding) {
                log.warn("The research read model was built under another research key: rebuilding it");
                try {
                    rebuilds.rebuildAndWait(List.of(ResearchProjection.NAME));
                } catch (RuntimeException e) {
                    // typically another instance, under the other key, still holds the processor
                    rebuilt = false;
                    log.error("Could not rebuild the research read model under the new research key ({}): stop the"
                            + " instances that use another key, then restart", e.getMessage());
                }
            }
            // once the rebuild finished or was recorded before: a start stopped before finds the old key, asks again
            if (rebuilt) {
                mongo.save(new Document("_id", ID).append("key", keys.fingerprint()), COLLECTION);
            }
        }
        int sealed = studies.sealStoredSecrets();
        if (sealed > 0) {
            log.info("Sealed the secrets of {} studies anew: stored in plain text, or before their settings were"
                    + " bound to them", sealed);
        }
    }
}
