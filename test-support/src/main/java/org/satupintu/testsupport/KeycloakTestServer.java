package org.satupintu.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.satupintu.local.KeycloakServer;
import org.satupintu.local.Ports;

/**
 * The real Keycloak server with the dev realm ({@code infra/keycloak/satupintu-realm.json}), started once per test
 * JVM on free loopback ports with a fresh database under {@code target/keycloak-tests/}, stopped when the JVM
 * exits (its log is kept next to it). Real tokens come from {@link Tokens}.
 */
public final class KeycloakTestServer {

    private static final String REALM_FILE = "infra/keycloak/satupintu-realm.json";

    private static KeycloakTestServer instance;
    private static RuntimeException failure;

    private final KeycloakServer server;

    private KeycloakTestServer(KeycloakServer server) {
        this.server = server;
    }

    /** The server of this JVM, started on the first call. A failed start fails every later call at once. */
    public static synchronized KeycloakTestServer get() {
        if (failure != null) {
            throw new IllegalStateException("Keycloak did not start earlier in this JVM", failure);
        }
        if (instance == null) {
            try {
                instance = start();
            }
            catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return instance;
    }

    public String issuer() {
        return server.issuer();
    }

    public String jwkSetUri() {
        return server.jwkSetUri();
    }

    public String tokenEndpoint() {
        return server.tokenEndpoint();
    }

    /** {@code http://localhost:<port>}, for the admin API and the master realm. */
    public String baseUrl() {
        return server.baseUrl();
    }

    private static KeycloakTestServer start() {
        Path realmFile = repoRoot().resolve(REALM_FILE);
        Path runDir = runDirectory();
        KeycloakServer server = KeycloakServer.start(new KeycloakServer.Options(KeycloakServer.defaultCacheDir(),
                runDir, Ports.freePort(), Ports.freePort(), realmFile,
                runDir.resolveSibling(runDir.getFileName() + ".log")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            deleteTree(runDir);
        }, "keycloak-test-server-stop"));
        return new KeycloakTestServer(server);
    }

    /** A fresh directory per JVM: every test run gets the realm exactly as in the file. */
    private static Path runDirectory() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Path parent = Files.isDirectory(target) ? target.resolve("keycloak-tests")
                    : Path.of(System.getProperty("java.io.tmpdir"), "satupintu-keycloak-tests");
            return Files.createTempDirectory(Files.createDirectories(parent), "run-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the first directory upwards from the working directory holding infra/keycloak. */
    static Path repoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(REALM_FILE))) {
                return dir;
            }
        }
        throw new IllegalStateException("No " + REALM_FILE + " in " + start + " or above");
    }

    /** Deletes symbolic links (the run's Keycloak home links into the shared cache) without following them. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            // Best effort at JVM exit; mvn clean removes what is left.
        }
    }
}
