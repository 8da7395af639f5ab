package org.satupintu.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process started by the local stack, with its output appended to a log file. Closing it stops the whole
 * process tree (a launcher script may start a child JVM), first politely, then forcibly.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(20);
    /** Guards {@link #refusing}: no child may start once the launcher has begun stopping every child. */
    private static final Object SPAWN_LOCK = new Object();
    private static boolean refusing;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDir, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            synchronized (SPAWN_LOCK) {
                if (refusing) {
                    throw new IllegalStateException("Not starting " + name + ": stopping");
                }
                return new ChildProcess(name, builder.start(), logFile);
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The java launcher of the JVM running this code (the local stack always runs on a JDK >= 21). */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the log, to explain a failed start. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Every process of the tree, including the root, still alive. */
    public List<ProcessHandle> tree() {
        List<ProcessHandle> handles = new ArrayList<>(process.descendants().toList());
        handles.add(process.toHandle());
        return handles.stream().filter(ProcessHandle::isAlive).toList();
    }

    @Override
    public void close() {
        stopTree(process.toHandle(), GRACE);
    }

    /**
     * Kills the whole tree at once without any chance to clean up (SIGKILL on Unix), as a crash or an OOM killer
     * would, and waits until it is gone.
     */
    public void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            }
            catch (Exception e) {
                throw new IllegalStateException("Process " + handle.pid() + " of " + name + " survived SIGKILL", e);
            }
        }
    }

    /**
     * Refuses every later {@link #start}, then stops every process this JVM started that still runs, with their
     * trees: politely, then forcibly after {@code grace}. What the launcher does last when it is told to stop, so
     * that nothing it started (a service still starting, the broker, Keycloak, an AOT training run) outlives it.
     *
     * @return how many processes had to be stopped
     */
    public static int stopEveryChild(Duration grace) {
        synchronized (SPAWN_LOCK) {
            refusing = true;
        }
        List<ProcessHandle> all = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        stopAll(all, grace);
        return all.size();
    }

    static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        stopAll(tree, grace);
    }

    private static void stopAll(List<ProcessHandle> tree, Duration grace) {
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            }
            catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
