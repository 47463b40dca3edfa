package nl.trajectorytracker.infra.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Tracking tokens of the event processors, one document per processor segment with {@code _id}
 * {@code <processor>/<segment>}. A segment is claimed by an owner (one application instance) until the claim is
 * released or has not been extended for {@code claimTimeout}; so several instances on one store share segments and
 * each event is handled once per processor.
 * <p>
 * Once a {@link StoreSeal} is set, every token is stored with its seal over which segment it is of and where it
 * stands. A token whose seal does not hold (moved forward in the database, so that a read model would skip steps
 * without a trace) is claimed but not handed out ({@link UntrustedToken}): its processor does not go on from it, the
 * listener is told once (it rebuilds the read model from the start of the store, which stores a sealed token again),
 * and it is logged.
 */
public class MongoTokenStore implements TokenStore {

    /** What a token's seal covers: the processor and segment it is of, and where it stands. */
    public static final List<String> SEALED_FIELDS = List.of("_id", "tokenType", "token");
    static final String TOKENS = "tracking_tokens";
    private static final String STORAGE_ID = "__storage_identifier";
    private static final Logger log = LoggerFactory.getLogger(MongoTokenStore.class);

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final Clock clock;
    private final Duration claimTimeout;
    private final String owner;
    private volatile StoreSeal seal;
    private volatile Consumer<String> untrustedListener = processor -> { };
    /** The segments ({@code <processor>/<segment>}) found with a token that does not hold, until one is stored. */
    private final Set<String> untrusted = ConcurrentHashMap.newKeySet();

    public MongoTokenStore(MongoDatabase database, Serializer serializer, Clock clock, Duration claimTimeout,
            String owner) {
        this.tokens = database.getCollection(TOKENS);
        this.serializer = serializer;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
        this.owner = owner;
    }

    private static String id(String processorName, int segment) {
        return processorName + "/" + segment;
    }

    /** Seals every token stored from now on; a token read without its seal is not handed out. */
    public void sealWith(StoreSeal seal) {
        this.seal = seal;
    }

    /** Told the name of a processor whose token was found not to hold (once, until a token of it is stored). */
    public void whenUntrusted(Consumer<String> listener) {
        this.untrustedListener = listener;
    }

    /** The tracking tokens' collection, for sealing the tokens stored before seals. */
    public MongoCollection<Document> collection() {
        return tokens;
    }

    /** Thrown by {@code fetchToken} when the token's seal does not hold; the segment is claimed all the same. */
    public static final class UntrustedToken extends UnableToClaimTokenException {
        UntrustedToken(String segment) {
            super("The tracking token of " + segment + " is not the one this service stored (its seal does not"
                    + " hold): its read model is rebuilt from the start of the store instead of going on from it");
        }
    }

    /** Segments from the start of the stream (Axon's default of this variant claims tokens that are not there yet). */
    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        if (fetchSegments(processorName).length > 0) {
            throw new UnableToInitializeTokenException(
                    "Could not initialize segments: some segments of " + processorName + " exist already");
        }
        for (int segment = 0; segment < segmentCount; segment++) {
            initializeSegment(initialToken, processorName, segment);
        }
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        Document document = new Document("_id", id(processorName, segment))
                .append("processor", processorName)
                .append("segment", segment)
                .append("owner", null)
                .append("ts", clock.millis());
        writeToken(id(processorName, segment), document, token);
        try {
            tokens.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new UnableToInitializeTokenException(
                        "Segment " + segment + " of " + processorName + " exists already");
            }
            throw e;
        }
    }

    private void writeToken(String id, Document document, TrackingToken token) {
        if (token == null) {
            document.append("token", null).append("tokenType", null);
        } else {
            SerializedObject<String> serialized = serializer.serialize(token, String.class);
            document.append("token", serialized.getData()).append("tokenType", serialized.getType().getName());
        }
        StoreSeal sealing = seal;
        if (sealing != null) {
            Document covered = new Document("_id", id).append("tokenType", document.get("tokenType"))
                    .append("token", document.get("token"));
            Object sealOfToken = sealing.sealed(covered, SEALED_FIELDS).get("seal");
            if (sealOfToken != null) {
                document.append("seal", sealOfToken);
            }
        }
    }

    /** The token as stored, once its seal holds. */
    private TrackingToken trustedToken(String processorName, Document document) {
        StoreSeal sealing = seal;
        String id = document.getString("_id");
        if (sealing != null && !sealing.holds(document, SEALED_FIELDS)) {
            if (untrusted.add(id)) {
                log.error("The tracking token of {} does not carry this service's seal: it was changed in the"
                        + " database. Its read model does not go on from it and is rebuilt", id);
                untrustedListener.accept(processorName);
            }
            throw new UntrustedToken(id);
        }
        return readToken(document);
    }

    private TrackingToken readToken(Document document) {
        String data = document.getString("token");
        if (data == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data, String.class,
                new SimpleSerializedType(document.getString("tokenType"), null)));
    }

    private Bson claimable(String processorName, int segment) {
        return and(eq("_id", id(processorName, segment)),
                or(eq("owner", null), eq("owner", owner), lt("ts", clock.millis() - claimTimeout.toMillis())));
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        Document update = new Document("owner", owner).append("ts", clock.millis());
        writeToken(id(processorName, segment), update, token);
        long matched = tokens.updateOne(claimable(processorName, segment), new Document("$set", update))
                .getMatchedCount();
        if (matched == 0) {
            throw new UnableToClaimTokenException(
                    "Unable to store the token of " + processorName + "/" + segment + ": claimed by another owner"
                            + " or not initialized");
        }
        untrusted.remove(id(processorName, segment));
    }

    /** The tokens the processor's segments have stored, read without claiming any (whoever holds them). */
    public List<TrackingToken> storedTokens(String processorName) {
        List<TrackingToken> stored = new ArrayList<>();
        for (int segment : fetchSegments(processorName)) {
            Document document = tokens.find(eq("_id", id(processorName, segment))).first();
            if (document != null) {
                stored.add(readToken(document));
            }
        }
        return stored;
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        Document claimed = tokens.findOneAndUpdate(claimable(processorName, segment),
                Updates.combine(Updates.set("owner", owner), Updates.set("ts", clock.millis())));
        if (claimed == null) {
            throw new UnableToClaimTokenException(
                    "Unable to claim the token of " + processorName + "/" + segment + ": claimed by another owner"
                            + " or not initialized");
        }
        return trustedToken(processorName, claimed);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return fetchToken(processorName, segment.getSegmentId());
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        long matched = tokens.updateOne(and(eq("_id", id(processorName, segment)), eq("owner", owner)),
                Updates.set("ts", clock.millis())).getMatchedCount();
        if (matched == 0) {
            throw new UnableToClaimTokenException(
                    "Unable to extend the claim on " + processorName + "/" + segment + ": not the owner");
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        tokens.updateOne(and(eq("_id", id(processorName, segment)), eq("owner", owner)),
                Updates.set("owner", null));
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        long deleted = tokens.deleteOne(and(eq("_id", id(processorName, segment)), eq("owner", owner)))
                .getDeletedCount();
        if (deleted == 0) {
            throw new UnableToClaimTokenException(
                    "Unable to delete " + processorName + "/" + segment + ": not claimed by this owner");
        }
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return true;
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return tokens.find(eq("processor", processorName)).into(new ArrayList<>()).stream()
                .mapToInt(document -> document.getInteger("segment")).sorted().toArray();
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        List<Document> all = tokens.find(eq("processor", processorName)).into(new ArrayList<>());
        int[] segments = all.stream().mapToInt(document -> document.getInteger("segment")).sorted().toArray();
        long expired = clock.millis() - claimTimeout.toMillis();
        List<Segment> available = new ArrayList<>();
        for (Document document : all) {
            String holder = document.getString("owner");
            if (holder == null || holder.equals(owner) || StoredNumbers.of(document, "ts") < expired) {
                available.add(Segment.computeSegment(document.getInteger("segment"), segments));
            }
        }
        return available;
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        Document existing = tokens.find(Filters.eq("_id", STORAGE_ID)).first();
        if (existing != null) {
            return Optional.of(existing.getString("value"));
        }
        try {
            tokens.insertOne(new Document("_id", STORAGE_ID).append("value", UUID.randomUUID().toString()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return Optional.of(tokens.find(Filters.eq("_id", STORAGE_ID)).first().getString("value"));
    }
}
