package org.satupintu.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Keycloak server distribution from the local Maven repository, unpacked once into a cache directory and
 * built ({@code kc.sh build}) once for {@link #BUILD_OPTIONS}, so that every server starts with
 * {@code start --optimized}. Safe when several JVMs prepare it at once: the work happens under a file lock and
 * the archive is unpacked into a temporary directory that is then renamed into place.
 */
final class KeycloakDistribution {

    /**
     * Build-time options. Changing them triggers one rebuild of the cached distribution (recorded in
     * {@link #MARKER}); servers started from it at that moment by another JVM would see the new build.
     */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");

    private static final String PROPERTIES = "/satupintu-local-stack.properties";
    /** Used only when the build did not filter the properties resource. */
    private static final String FALLBACK_VERSION = "26.7.3";
    private static final String MARKER = ".satupintu-build-options";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    /** Two threads of one JVM may not both hold the file lock (OverlappingFileLockException). */
    private static final Object JVM_LOCK = new Object();

    private KeycloakDistribution() {
    }

    /** The unpacked and built distribution in the cache, preparing it first if needed. */
    static Path prepare(Path cacheDir, Path logFile) {
        String version = version();
        Path home = cacheDir.resolve("keycloak-" + version);
        String wanted = String.join(" ", BUILD_OPTIONS) + "\n";
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(cacheDir);
                try (FileChannel channel = FileChannel.open(cacheDir.resolve(".keycloak-" + version + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    if (!Files.isRegularFile(home.resolve("lib/quarkus-run.jar"))) {
                        unpack(archive(version), cacheDir, home, logFile);
                    }
                    Path marker = home.resolve(MARKER);
                    if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(wanted)) {
                        Files.deleteIfExists(marker);
                        build(home, logFile);
                        Files.writeString(marker, wanted);
                    }
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("Could not prepare Keycloak in " + home + ": " + e.getMessage(), e);
            }
        }
        return home;
    }

    static String version() {
        String version = buildProperty("keycloak.version");
        return version != null ? version : FALLBACK_VERSION;
    }

    /**
     * The archive path filled in by Maven resource filtering, or else the standard local-repository path
     * ({@code maven.repo.local} or {@code ~/.m2/repository}).
     */
    static Path archive(String version) {
        String filled = buildProperty("keycloak.dist.archive");
        Path archive = filled != null ? Path.of(filled)
                : Path.of(System.getProperty("maven.repo.local",
                        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()))
                        .resolve("org/keycloak/keycloak-quarkus-dist")
                        .resolve(version)
                        .resolve("keycloak-quarkus-dist-" + version + ".tar.gz");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Keycloak distribution not found at " + archive
                    + ": run ./mvnw -pl local-stack -am -DskipTests install to fetch it from Maven Central");
        }
        return archive;
    }

    /** A property of the build-time resource, or null when missing or left unfiltered. */
    private static String buildProperty(String name) {
        Properties properties = new Properties();
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream(PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = properties.getProperty(name);
        boolean unfiltered = value == null || value.isBlank() || value.contains("${")
                || value.startsWith("@") && value.endsWith("@");
        return unfiltered ? null : value.trim();
    }

    private static void unpack(Path archive, Path cacheDir, Path home, Path logFile) throws IOException {
        Path staging = Files.createTempDirectory(cacheDir, "unpack-");
        try {
            appendLog(logFile, "Unpacking " + archive + " into " + home);
            run(List.of("tar", "-xzf", archive.toString(), "-C", staging.toString()), staging, logFile,
                    Duration.ofMinutes(5));
            Path unpacked;
            try (Stream<Path> entries = Files.list(staging)) {
                unpacked = entries.filter(Files::isDirectory).findFirst()
                        .orElseThrow(() -> new IllegalStateException("Empty Keycloak archive " + archive));
            }
            // A half-unpacked directory left by a killed JVM is replaced.
            deleteTree(home);
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            deleteTree(staging);
        }
    }

    private static void build(Path home, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.add("build");
        command.addAll(BUILD_OPTIONS);
        appendLog(logFile, "Building Keycloak (once per option set): " + String.join(" ", command));
        run(command, home, logFile, BUILD_TIMEOUT);
    }

    /** Runs a short-lived command to completion, output appended to the log; fails with the end of the log. */
    private static void run(List<String> command, Path workingDir, Path logFile, Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(childEnvironment());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ChildProcess.stopTree(process.toHandle(), Duration.ofSeconds(5));
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + timeout.toMinutes() + " min. Last lines of " + logFile + ":\n" + tail(logFile, 40));
            }
        }
        catch (InterruptedException e) {
            ChildProcess.stopTree(process.toHandle(), Duration.ofSeconds(5));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.getFirst(), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                    + process.exitValue() + ". Last lines of " + logFile + ":\n" + tail(logFile, 40));
        }
    }

    /** kc.sh runs Keycloak on JAVA_HOME: the JDK running this code (Keycloak needs Java 21 or later). */
    static Map<String, String> childEnvironment() {
        if (Runtime.version().feature() < 21) {
            throw new IllegalStateException("Keycloak needs Java 21 or later; this JVM is " + Runtime.version()
                    + " (" + System.getProperty("java.home") + ")");
        }
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    static void appendLog(Path logFile, String line) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.writeString(logFile, "=== " + Instant.now() + " " + line + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Symbolic links are deleted, never followed (an instance home links into the shared distribution).
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
