package nl.trajectorytracker.infra.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The embedded default: mongo-java-server in this JVM, persisting to an H2 MVStore file in the data directory,
 * listening on loopback only. The MongoDB driver talks to it like to any MongoDB.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MVStore store;
    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MVStore store, H2Backend backend, MongoServer server, InetSocketAddress address) {
        this.store = store;
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    public static EmbeddedMongo start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory.toAbsolutePath(), e);
        }
        Path file = dataDirectory.resolve("tracker.mv.db");
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        H2Backend backend = new H2Backend(store);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address;
        try {
            server.bind("127.0.0.1", port);
            address = server.getLocalAddress();
        } catch (RuntimeException e) {
            server.shutdownNow();
            store.close();
            throw new IllegalStateException("The embedded MongoDB could not listen on 127.0.0.1:" + port + " ("
                    + e.getMessage() + "). Choose another port with tracker.embedded-mongo.port.", e);
        }
        log.info("Embedded MongoDB listening on {} with data in {}", address, file.toAbsolutePath());
        return new EmbeddedMongo(store, backend, server, address);
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    /** Writes everything acknowledged so far to the data file, so a crash cannot take it back. */
    public void commit() {
        store.commit();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
        log.info("Embedded MongoDB stopped");
    }
}
