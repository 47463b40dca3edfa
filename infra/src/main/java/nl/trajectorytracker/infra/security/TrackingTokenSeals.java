package nl.trajectorytracker.infra.security;

import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.audit.SigningKey;
import nl.trajectorytracker.infra.eventstore.MongoTokenStore;

/**
 * Seals the read models' tracking tokens, before any processor reads one ({@link MongoTokenStore}): a token moved
 * forward in the database had a read model skip the steps in between, for good and without a trace, while the
 * trajectory verified OK. Tokens stored before seals are sealed as they are at the first start that has them.
 */
@Component
class TrackingTokenSeals {

    /** The marker, in the data directory, of the adoption of the tokens stored before seals. */
    static final String ADOPTED = "tracking-tokens-sealed";

    TrackingTokenSeals(MongoTokenStore tokens, SigningKey signingKey,
            @Value("${tracker.data-dir:./data}") Path dataDirectory) {
        DocumentSeals seals = DocumentSeals.keyedFrom(signingKey, "tracking-token-seals",
                "The read models' tracking tokens");
        seals.adoptOnce(dataDirectory, ADOPTED, List.of(tokens.collection()), List.of(MongoTokenStore.SEALED_FIELDS));
        tokens.sealWith(seals);
    }
}
