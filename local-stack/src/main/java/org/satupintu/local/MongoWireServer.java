package org.satupintu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB wire-protocol server (mongo-java-server) backed by an H2 file, so local data survives restarts. Used
 * only when {@code MONGODB_URI} does not point at a real MongoDB. It has no transactions and no change streams,
 * which the services do not use.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private MongoWireServer(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    public static MongoWireServer start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MongoServer server = new MongoServer(new H2Backend(dataDir.resolve("satupintu.mv").toString()));
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        server.bind(address);
        return new MongoWireServer(server, "mongodb://127.0.0.1:" + port);
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
