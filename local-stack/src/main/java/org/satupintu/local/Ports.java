package org.satupintu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The loopback ports of one platform instance. {@link #defaults()} are the ports of API.md; tests take free
 * ports so they never collide with a running local stack.
 */
public record Ports(int gateway, int applicationService, int documentService, int notificationService, int keycloak,
        int keycloakManagement, int kafka, int kafkaController, int mongo, int smtp) {

    public static Ports defaults() {
        return new Ports(8080, 8081, 8082, 8083, 8180, 9000, 9092, 9093, 27017, 3025);
    }

    /** The same layout shifted by {@code n}, to run a second stack beside the first. */
    public Ports offset(int n) {
        return new Ports(gateway + n, applicationService + n, documentService + n, notificationService + n,
                keycloak + n, keycloakManagement + n, kafka + n, kafkaController + n, mongo + n, smtp + n);
    }

    public static Ports free() {
        return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), freePort(), freePort());
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
