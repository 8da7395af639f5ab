package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.satupintu.local.ChildProcess;
import org.satupintu.local.Ports;

/**
 * The local-stack launcher ({@code ./run-local.sh}'s Java process) told to stop with SIGTERM in the middle of its
 * start-up: every process it had started (store, broker, Keycloak, services) is gone when it exits, and its ports
 * are free for an immediate restart.
 */
class LauncherStopSystemTests {

    @Test
    void sigtermDuringStartUpStopsEveryChildBeforeTheLauncherExits() throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        Path home = Path.of("target", "launcher-stop").toAbsolutePath();
        Files.createDirectories(home);
        int offset = freeOffset();
        Ports ports = Ports.defaults().offset(offset);
        Path console = home.resolve("console.txt");
        ProcessBuilder builder = new ProcessBuilder(ChildProcess.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), "org.satupintu.local.LocalStack")
                .directory(repoRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(console.toFile()));
        builder.environment().put("SATUPINTU_HOME", home.toString());
        builder.environment().put("SATUPINTU_PORT_OFFSET", String.valueOf(offset));
        builder.environment().remove("MONGODB_URI");
        Process launcher = builder.start();
        Set<ProcessHandle> children = new HashSet<>();
        try {
            // Start-up under way: the broker, Keycloak and the four services have been started, none ready yet.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            List<ProcessHandle> now = List.of();
            while (launcher.isAlive() && now.size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                now = launcher.descendants().toList();
                children.addAll(now);
            }
            assertThat(now).as(Files.readString(console)).hasSizeGreaterThanOrEqualTo(6);
            assertThat(Files.readString(console)).doesNotContain("SatuPintu is running");
            launcher.destroy(); // SIGTERM
            assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
        }
        finally {
            if (launcher.isAlive()) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        }
        String output = Files.readString(console);
        System.out.println(output);
        assertThat(children).as("children still alive after the launcher exited").noneMatch(ProcessHandle::isAlive);
        for (int port : List.of(ports.gateway(), ports.applicationService(), ports.documentService(),
                ports.notificationService(), ports.keycloak(), ports.kafka(), ports.mongo(), ports.smtp())) {
            assertThat(isFree(port)).as("port " + port + " free").isTrue();
        }
        assertThat(output).contains("SatuPintu local stack: stopped");
        // The launcher's own libraries log into .local/logs/local-stack.log, not onto the console.
        assertThat(output.lines().filter(l -> l.contains(" WARN ") || l.contains("not yet implemented")))
                .isEmpty();
    }

    /** A shift of the default ports under which every port of the layout is free. */
    private static int freeOffset() {
        for (int offset = 31000; offset < 38000; offset += 137) {
            Ports p = Ports.defaults().offset(offset);
            if (List.of(p.gateway(), p.applicationService(), p.documentService(), p.notificationService(),
                    p.keycloak(), p.keycloakManagement(), p.kafka(), p.kafkaController(), p.mongo(), p.smtp())
                    .stream().allMatch(LauncherStopSystemTests::isFree)) {
                return offset;
            }
        }
        throw new IllegalStateException("No free port layout");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
