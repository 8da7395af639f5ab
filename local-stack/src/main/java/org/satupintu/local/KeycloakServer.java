package org.satupintu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Keycloak server (the Quarkus distribution from Maven Central) as a child process, no Docker, bound to
 * 127.0.0.1 only, with the realm file imported.
 * <p>
 * The distribution is unpacked and built once into the cache directory and shared ({@link KeycloakDistribution}).
 * Each server gets its own Keycloak home in {@code <dataDir>/home} (a copy of {@code kc.sh}, links to the shared
 * {@code lib}, {@code conf}, {@code providers} and {@code themes}, its own {@code data/} for the realm import,
 * temporary files and transaction logs) and its own H2 database in {@code <dataDir>/h2}, so a local stack and
 * test JVMs can run side by side from one cache, and a data directory keeps its users and sessions across
 * restarts.
 * <p>
 * Keycloak imports the realm file only when the realm does not exist yet. So that edits of the realm file in the
 * repository take effect, its SHA-256 is recorded in the data directory after each successful start; when the
 * file has changed since, the H2 database is wiped before starting (and a line says so): local users, sessions
 * and admin-console edits are lost, the realm comes back exactly as in the file.
 * <p>
 * Linux and macOS only (it runs {@code kc.sh} and {@code tar}).
 */
public final class KeycloakServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300); // first start migrates its database: minutes on a busy 2-core machine
    private static final String REALM_HASH_FILE = "realm-import.sha256";
    private static final Pattern REALM_NAME = Pattern.compile("\"realm\"\\s*:\\s*\"([^\"]+)\"");
    /** What the instance home borrows from the shared distribution; data/ and bin/ are its own. */
    private static final List<String> SHARED = List.of("lib", "conf", "providers", "themes");

    private final ChildProcess process;
    private final Options options;
    private final String realm;

    private KeycloakServer(ChildProcess process, Options options, String realm) {
        this.process = process;
        this.options = options;
        this.realm = realm;
    }

    /**
     * Where and how to run one server.
     *
     * @param cacheDir shared cache for the unpacked, built distribution (see {@link #defaultCacheDir()})
     * @param dataDir this server's own directory: Keycloak home, H2 database, recorded realm hash
     * @param httpPort HTTP port on 127.0.0.1; the issuer is {@code http://localhost:<httpPort>/realms/<realm>}
     * @param managementPort management port on 127.0.0.1 (health)
     * @param realmFile realm JSON to import (its top-level {@code "realm"} names the realm)
     * @param logFile Keycloak's output, appended
     */
    public record Options(Path cacheDir, Path dataDir, int httpPort, int managementPort, Path realmFile,
            Path logFile) {

        public Options {
            // Absolute paths: they end up in a JDBC URL, symbolic links and a child process's arguments.
            cacheDir = cacheDir.toAbsolutePath().normalize();
            dataDir = dataDir.toAbsolutePath().normalize();
            realmFile = realmFile.toAbsolutePath().normalize();
            logFile = logFile.toAbsolutePath().normalize();
            if (httpPort <= 0 || managementPort <= 0 || httpPort == managementPort) {
                throw new IllegalArgumentException(
                        "Need two different ports, got " + httpPort + " and " + managementPort);
            }
        }
    }

    /** {@code $SATUPINTU_CACHE}, or {@code ~/.cache/satupintu}. */
    public static Path defaultCacheDir() {
        String configured = System.getenv("SATUPINTU_CACHE");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "satupintu");
    }

    /** Starts the server and waits until it is ready and the realm answers; fails with the end of the log. */
    public static KeycloakServer start(Options options) {
        String realm = realmName(options.realmFile());
        requireFree(options.httpPort());
        requireFree(options.managementPort());
        Path distribution = KeycloakDistribution.prepare(options.cacheDir(), options.logFile());
        String realmHash = sha256(options.realmFile());
        List<String> command;
        try {
            wipeDatabaseIfRealmChanged(options, realmHash);
            Path home = prepareHome(distribution, options);
            command = command(home, options);
            KeycloakDistribution.appendLog(options.logFile(), "Starting Keycloak: " + String.join(" ", command));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not prepare Keycloak in " + options.dataDir(), e);
        }
        Map<String, String> environment = new HashMap<>(KeycloakDistribution.childEnvironment());
        // Creates the master realm's admin on the first start only; ignored once it exists.
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        // C1 only: halves the start on a busy two-core machine; peak speed does not matter for a dev server.
        environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        ChildProcess process = ChildProcess.start("keycloak", command, environment, options.dataDir(),
                options.logFile());
        KeycloakServer server = new KeycloakServer(process, options, realm);
        try {
            // The realm answers once imported; health is asked only then, as every DOWN answer is logged.
            Http.await("Keycloak", process, START_TIMEOUT,
                    () -> Http.status(server.issuer() + "/.well-known/openid-configuration") == 200
                            && Http.status(server.managementUrl() + "/health/ready") == 200);
            recordRealmHash(options, realmHash);
            return server;
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public long pid() {
        return process.pid();
    }

    public ChildProcess process() {
        return process;
    }

    public String realm() {
        return realm;
    }

    /** {@code http://localhost:<port>}, the host name Keycloak puts into its URLs. */
    public String baseUrl() {
        return "http://localhost:" + options.httpPort();
    }

    public String issuer() {
        return baseUrl() + "/realms/" + realm;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + options.managementPort();
    }

    /** Stops the whole process tree (kc.sh and its JVM): politely, then forcibly after a grace period. */
    @Override
    public void close() {
        process.close();
    }

    private static List<String> command(Path home, Options options) {
        Path database = options.dataDir().resolve("h2").resolve("keycloakdb");
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve("kc.sh").toString());
        command.add("start");
        command.add("--optimized");
        command.add("--http-enabled=true");
        command.add("--http-host=127.0.0.1");
        command.add("--http-port=" + options.httpPort());
        command.add("--http-management-host=127.0.0.1");
        command.add("--http-management-port=" + options.managementPort());
        // Fixes the issuer, whichever address a client used.
        command.add("--hostname=http://localhost:" + options.httpPort());
        // The production default (ispn) would form a cluster over the network.
        command.add("--cache=local");
        // No AUTO_SERVER: it would open an H2 TCP port on a non-loopback address.
        command.add("--db-url=jdbc:h2:file:" + database + ";NON_KEYWORDS=VALUE");
        command.add("--import-realm");
        return command;
    }

    /** The instance's own Keycloak home; kc.sh derives the home from its own (real) location. */
    private static Path prepareHome(Path distribution, Options options) throws IOException {
        Path home = options.dataDir().resolve("home");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path script = bin.resolve("kc.sh");
        Files.copy(distribution.resolve("bin").resolve("kc.sh"), script, StandardCopyOption.REPLACE_EXISTING);
        if (!script.toFile().setExecutable(true)) {
            throw new IOException("Cannot make " + script + " executable");
        }
        for (String name : SHARED) {
            Path link = home.resolve(name);
            Path target = distribution.resolve(name);
            // Re-linked on every start, so a moved cache directory is picked up.
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            }
            else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                KeycloakDistribution.deleteTree(link);
            }
            Files.createSymbolicLink(link, target);
        }
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        try (Stream<Path> old = Files.list(imports)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.copy(options.realmFile(), imports.resolve(options.realmFile().getFileName()));
        return home;
    }

    private static void wipeDatabaseIfRealmChanged(Options options, String realmHash) throws IOException {
        Path database = options.dataDir().resolve("h2");
        Path recorded = options.dataDir().resolve(REALM_HASH_FILE);
        String previous = Files.isRegularFile(recorded) ? Files.readString(recorded).trim() : "";
        if (Files.isDirectory(database) && !previous.equals(realmHash)) {
            LOG.log(System.Logger.Level.INFO, "Realm file " + options.realmFile()
                    + " changed since the last import: wiping the Keycloak database in " + database
                    + " so the realm is imported again");
            KeycloakDistribution.appendLog(options.logFile(), "Realm file changed: wiped " + database);
            KeycloakDistribution.deleteTree(database);
        }
    }

    private static void recordRealmHash(Options options, String realmHash) {
        try {
            Files.writeString(options.dataDir().resolve(REALM_HASH_FILE), realmHash);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String realmName(Path realmFile) {
        try {
            Matcher matcher = REALM_NAME.matcher(Files.readString(realmFile, StandardCharsets.UTF_8));
            if (!matcher.find()) {
                throw new IllegalArgumentException("No \"realm\" name in " + realmFile);
            }
            return matcher.group(1);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read realm file " + realmFile, e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server already on the port (a leftover Keycloak, say) would answer the readiness checks in place of the
     * new one, so a busy port fails fast instead.
     */
    private static void requireFree(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
        }
        catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is in use (another Keycloak?)", e);
        }
    }
}
