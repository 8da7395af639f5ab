package org.satupintu.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One SatuPintu service, run from its Spring Boot jar as its own process. */
public final class ServiceProcess implements AutoCloseable {

    /** Small heaps and a quick-start JIT: on a two-core laptop the local stack should start fast. */
    public static final String DEFAULT_JAVA_OPTIONS = "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final String module;
    private final int port;
    private final ChildProcess process;

    private ServiceProcess(String module, int port, ChildProcess process) {
        this.module = module;
        this.port = port;
        this.process = process;
    }

    public static ServiceProcess start(Path repoRoot, String module, int port, Map<String, String> environment,
            String javaOptions, Path logFile) {
        Path jar = jarOf(repoRoot, module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build it first with ./mvnw -DskipTests package");
        }
        Path app = ServiceRuntime.extracted(repoRoot, module, logFile);
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(List.of(javaOptions.trim().split("\\s+")));
        command.addAll(ServiceRuntime.aotOptions(repoRoot, module));
        command.add("-jar");
        command.add(app.toString());
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("SERVER_PORT", String.valueOf(port));
        return new ServiceProcess(module, port, ChildProcess.start(module, command, env, repoRoot, logFile));
    }

    public static Path jarOf(Path repoRoot, String module) {
        return repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
    }

    public void awaitReady(Duration timeout) {
        Http.await(module, process, timeout, () -> Http.status(url() + "/actuator/health/readiness") == 200);
    }

    public String module() {
        return module;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
