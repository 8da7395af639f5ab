package org.satupintu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The loopback ports of one platform instance. {@link #defaults()} are the ports of API.md; tests take free
 * ports so they never collide with a running local stack. A further replica of a service listens
 * {@value #REPLICA_STEP} ports above the one before it: with the defaults, the second replicas are gateway 8090,
 * application-service 8091, document-service 8092 and notification-service 8093.
 */
public record Ports(int gateway, int applicationService, int documentService, int notificationService, int keycloak,
        int keycloakManagement, int kafka, int kafkaController, int mongo, int smtp) {

    /** How far apart the ports of two replicas of one service are. */
    public static final int REPLICA_STEP = 10;
    /** The most replicas per service the port layout leaves room for (8080..8123 stays below Keycloak's 8180). */
    public static final int MAX_REPLICAS = 4;

    public static Ports defaults() {
        return new Ports(8080, 8081, 8082, 8083, 8180, 9000, 9092, 9093, 27017, 3025);
    }

    /** The same layout shifted by {@code n}, to run a second stack beside the first. */
    public Ports offset(int n) {
        return new Ports(gateway + n, applicationService + n, documentService + n, notificationService + n,
                keycloak + n, keycloakManagement + n, kafka + n, kafkaController + n, mongo + n, smtp + n);
    }

    /** The port of replica {@code replica} (0 is the first) of a service whose first replica listens on {@code port}. */
    public static int replicaPort(int port, int replica) {
        if (replica < 0 || replica >= MAX_REPLICAS) {
            throw new IllegalArgumentException("replica " + replica + " is not in 0.." + (MAX_REPLICAS - 1));
        }
        return port + REPLICA_STEP * replica;
    }

    /**
     * Free ports; each service port is chosen so that the ports of its further replicas ({@link #replicaPort}) are
     * free too at this moment.
     */
    public static Ports free() {
        return new Ports(freeServicePort(), freeServicePort(), freeServicePort(), freeServicePort(), freePort(),
                freePort(), freePort(), freePort(), freePort(), freePort());
    }

    private static int freeServicePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            boolean replicasFree = true;
            for (int r = 1; r < MAX_REPLICAS && replicasFree; r++) {
                replicasFree = isFree(replicaPort(port, r));
            }
            if (replicasFree) {
                return port;
            }
        }
        throw new IllegalStateException("No free port with room for " + MAX_REPLICAS + " replicas");
    }

    private static boolean isFree(int port) {
        if (port > 65535) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
