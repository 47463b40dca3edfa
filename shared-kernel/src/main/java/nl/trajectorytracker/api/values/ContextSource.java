package nl.trajectorytracker.api.values;

/** The context a goal comes from, such as the region or a national agreement like the IZA. */
public record ContextSource(ContextKind kind, String name) {

    public ContextSource {
        Require.present("kind", kind);
        name = Require.text("name", name, 300);
    }
}
