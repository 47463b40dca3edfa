package nl.trajectorytracker.infra;

/**
 * The order of the work done once the application has started (its {@code ApplicationRunner}s). The checks of what
 * the stored read models were built with come first, while the store is as the previous run left it: a check that
 * ran after new events were written (by {@code --demo} or {@code --generate}) would take a read model of the right
 * shape, built under the right key, for an old one and rebuild it for nothing. Rebuilds asked for on the command
 * line come next, and filling the store last.
 */
public final class StartupOrder {

    /** The research read model was built under the research key the service has now. */
    public static final int RESEARCH_KEY_CHECK = 100;
    /** Every read model was built with the shape its projection stores now. */
    public static final int STORED_SHAPES = 200;
    /** {@code --rebuild=...}. */
    public static final int REBUILD_ON_REQUEST = 300;
    /** {@code --demo}, {@code --generate=N}. */
    public static final int FILL_THE_STORE = 400;

    private StartupOrder() {
    }
}
