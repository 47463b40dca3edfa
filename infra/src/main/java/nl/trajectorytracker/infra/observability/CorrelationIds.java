package nl.trajectorytracker.infra.observability;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of a request: taken from {@code X-Correlation-Id} when it looks sane, else a new UUID. It is
 * in the MDC (key {@value #MDC_KEY}) while the request runs, so every log line shows it; in the metadata of every
 * command it causes (key {@value #METADATA_KEY}); and, copied by Axon's correlation data, on every event.
 */
public final class CorrelationIds {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    /** Axon's own {@code correlationId} names the causing message; ours names the request. */
    public static final String METADATA_KEY = "requestCorrelationId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private CorrelationIds() {
    }

    public static String acceptOrCreate(String header) {
        return header != null && SANE.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }
}
