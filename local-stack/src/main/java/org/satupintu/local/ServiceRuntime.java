package org.satupintu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes service processes start fast on a small machine. A Spring Boot jar is extracted once into plain jars
 * ({@code java -Djarmode=tools extract}), which the JVM loads much faster than nested jars; on JDK 25+ a training
 * run then records an ahead-of-time cache ({@code -XX:AOTCache}, JEP 483/514) that later starts reuse. Both live in
 * {@code <module>/target/runtime/} and are rebuilt when the jar changes; a missing or stale cache only costs speed.
 */
public final class ServiceRuntime {

    private ServiceRuntime() {
    }

    static boolean aotSupported() {
        return Runtime.version().feature() >= 25;
    }

    static Path runtimeDir(Path repoRoot, String module) {
        return repoRoot.resolve(module).resolve("target").resolve("runtime");
    }

    /** The extracted launcher jar, extracting it first if the Boot jar is newer. */
    static Path extracted(Path repoRoot, String module, Path logFile) {
        Path bootJar = ServiceProcess.jarOf(repoRoot, module);
        Path dir = runtimeDir(repoRoot, module);
        Path app = dir.resolve("app").resolve(module + ".jar");
        try {
            if (Files.isRegularFile(app)
                    && Files.getLastModifiedTime(app).compareTo(Files.getLastModifiedTime(bootJar)) >= 0) {
                return app;
            }
            Files.createDirectories(dir);
            Path tmp = dir.resolve("app-" + UUID.randomUUID());
            run(module + "-extract", List.of(ChildProcess.javaExecutable(), "-Djarmode=tools", "-jar",
                    bootJar.toString(), "extract", "--destination", tmp.toString()), Map.of(), repoRoot, logFile,
                    Duration.ofSeconds(120));
            if (!Files.isRegularFile(tmp.resolve(module + ".jar"))) {
                throw new IllegalStateException("Extracting " + bootJar + " failed (is it being rebuilt?); see "
                        + logFile);
            }
            Path target = dir.resolve("app");
            deleteRecursively(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(aotCache(repoRoot, module));
            return app;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not extract " + bootJar, e);
        }
    }

    static Path aotCache(Path repoRoot, String module) {
        return runtimeDir(repoRoot, module).resolve(module + ".aot");
    }

    /** JVM options that use the module's AOT cache, if there is a fresh one for this JDK. */
    static List<String> aotOptions(Path repoRoot, String module) {
        Path cache = aotCache(repoRoot, module);
        if (!aotSupported() || !Files.isRegularFile(cache)) {
            return List.of();
        }
        return List.of("-XX:AOTCache=" + cache);
    }

    /**
     * Records the AOT cache of a service with a training run that starts its Spring context and exits. It runs
     * against unreachable infrastructure on a random port, so it never touches the running platform.
     *
     * @return true if a new cache was written
     */
    public static boolean train(Path repoRoot, String module, String javaOptions, Path logFile) {
        if (!aotSupported() || Files.isRegularFile(aotCache(repoRoot, module))) {
            return false;
        }
        Path app = extracted(repoRoot, module, logFile);
        Path tmp = runtimeDir(repoRoot, module).resolve(module + "-" + UUID.randomUUID() + ".aot");
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(List.of(javaOptions.trim().split("\\s+")));
        command.addAll(List.of("-XX:AOTCacheOutput=" + tmp, "-Dspring.context.exit=onRefresh",
                "-Dspring.kafka.listener.auto-startup=false", "-jar", app.toString()));
        Map<String, String> env = Map.of("SERVER_PORT", "0", "MONGODB_URI", "mongodb://127.0.0.1:9",
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9", "SPRING_MAIN_BANNER_MODE", "off");
        try {
            run(module + "-aot-training", command, env, repoRoot, logFile, Duration.ofMinutes(5));
            boolean interrupted;
            synchronized (TRAINING_LOCK) {
                interrupted = trainingStopped;
            }
            if (interrupted) {
                Files.deleteIfExists(tmp); // a cut-short recording is not to be trusted
                return false;
            }
            if (!Files.isRegularFile(tmp)) {
                return false;
            }
            Files.move(tmp, aotCache(repoRoot, module), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            }
            catch (IOException ignored) {
                // best effort
            }
            return false;
        }
    }

    private static final Object TRAINING_LOCK = new Object();
    private static ChildProcess training;
    private static boolean trainingStopped;

    /** Stops a training run in progress, and any later one, e.g. when the local stack stops. */
    public static void stopTraining() {
        synchronized (TRAINING_LOCK) {
            trainingStopped = true;
            if (training != null) {
                training.close();
            }
        }
    }

    private static void run(String name, List<String> command, Map<String, String> env, Path dir, Path logFile,
            Duration timeout) {
        ChildProcess process;
        synchronized (TRAINING_LOCK) {
            if (trainingStopped) {
                throw new IllegalStateException("stopping");
            }
            process = ChildProcess.start(name, command, env, dir, logFile);
            training = process;
        }
        try {
            Http.await(name, null, timeout, () -> !process.isAlive());
        }
        finally {
            synchronized (TRAINING_LOCK) {
                training = null;
            }
            process.close();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
