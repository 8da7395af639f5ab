package org.satupintu.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JDK Flight Recorder recording (settings {@code profile}) of a benchmark's measured phase only, when the system
 * property {@code bench.jfr.dir} names a directory (the benchmark scripts set it with {@code BENCH_JFR=1}); otherwise
 * nothing is recorded. Either this JVM ({@link #start}) or another one by PID ({@link #startFor}, through
 * {@code jcmd}). Closing writes {@code <dir>/<name>.jfr}.
 */
public final class FlightRecording implements AutoCloseable {

    private static final String DIRECTORY = "bench.jfr.dir";

    private final Path file;
    private final Recording recording;
    private final long pid;

    private FlightRecording(Path file, Recording recording, long pid) {
        this.file = file;
        this.recording = recording;
        this.pid = pid;
    }

    /** Records this JVM from now until {@link #close()}. */
    public static FlightRecording start(String name) {
        Path file = target(name);
        if (file == null) {
            return new FlightRecording(null, null, -1);
        }
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName(name);
            recording.start();
            return new FlightRecording(file, recording, -1);
        }
        catch (IOException | ParseException e) {
            throw new IllegalStateException("Could not start a flight recording: " + e.getMessage(), e);
        }
    }

    /** Records the JVM with the given PID from now until {@link #close()}. */
    public static FlightRecording startFor(long pid, String name) {
        Path file = target(name);
        if (file == null) {
            return new FlightRecording(null, null, -1);
        }
        jcmd(pid, "JFR.start", "name=" + name, "settings=profile");
        return new FlightRecording(file, null, pid);
    }

    @Override
    public void close() {
        if (file == null) {
            return;
        }
        if (recording != null) {
            try {
                recording.dump(file);
            }
            catch (IOException e) {
                throw new IllegalStateException("Could not write " + file + ": " + e.getMessage(), e);
            }
            finally {
                recording.close();
            }
        }
        else {
            jcmd(pid, "JFR.stop", "name=" + file.getFileName().toString().replace(".jfr", ""), "filename=" + file);
        }
        System.out.println("flight recording: " + file);
    }

    private static Path target(String name) {
        String dir = System.getProperty(DIRECTORY, "");
        if (dir.isBlank()) {
            return null;
        }
        try {
            Path directory = Files.createDirectories(Path.of(dir));
            Path file = directory.resolve(name + ".jfr");
            Files.deleteIfExists(file);
            return file.toAbsolutePath();
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void jcmd(long pid, String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
        }
        catch (IOException e) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", line), e);
        }
    }
}
