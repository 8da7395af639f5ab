package org.satupintu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.satupintu.events.Topics;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run as a child process
 * from the Kafka jars on this module's classpath. Its data lives in the given directory and survives restarts;
 * the storage is formatted only on the first start.
 */
public final class KafkaServer implements AutoCloseable {

    /** Partitions of every SatuPintu topic: events are keyed by application id, so order holds per application. */
    public static final int PARTITIONS = 3;

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaServer(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    public record Options(Path dataDir, int port, int controllerPort, Path logFile) {
    }

    public static KafkaServer start(Options options) {
        Path config = writeConfig(options);
        String classpath = System.getProperty("java.class.path");
        if (!Files.exists(options.dataDir().resolve("logs/meta.properties"))) {
            format(config, classpath, options);
        }
        ChildProcess process = ChildProcess.start("kafka",
                List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-XX:+UseG1GC",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", classpath, "kafka.Kafka",
                        config.toString()),
                Map.of(), options.dataDir(), options.logFile());
        String bootstrap = "127.0.0.1:" + options.port();
        KafkaServer server = new KafkaServer(process, bootstrap);
        try {
            Http.await("Kafka broker", process, Duration.ofSeconds(180), server::reachable);
            server.createTopics();
            return server;
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ChildProcess process() {
        return process;
    }

    /** Creates every topic and its dead-letter topic, as the platform expects them to exist. */
    public void createTopics() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.allWithDeadLetters().stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, PARTITIONS, (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create Kafka topics: " + e.getCause().getMessage(), e);
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("Could not create Kafka topics: " + e.getMessage(), e);
        }
    }

    private boolean reachable() {
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        }
        catch (Exception e) {
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                8000));
    }

    private static Path writeConfig(Options options) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + options.controllerPort());
        p.setProperty("listeners",
                "PLAINTEXT://127.0.0.1:" + options.port() + ",CONTROLLER://127.0.0.1:" + options.controllerPort());
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + options.port());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", options.dataDir().resolve("logs").toAbsolutePath().toString());
        p.setProperty("num.partitions", String.valueOf(PARTITIONS));
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly at start-up; a typo must not silently create a new topic.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.retention.hours", "168");
        try {
            Files.createDirectories(options.dataDir());
            Path file = options.dataDir().resolve("server.properties");
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "Written by the SatuPintu local stack");
            }
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(Path config, String classpath, Options options) {
        ChildProcess formatter = ChildProcess.start("kafka-storage-format",
                List.of(ChildProcess.javaExecutable(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                        "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(),
                        "--ignore-formatted"),
                Map.of(), options.dataDir(), options.logFile());
        try {
            Http.await("Kafka storage format", null, Duration.ofSeconds(180), () -> !formatter.isAlive());
        }
        finally {
            formatter.close();
        }
        if (!Files.exists(options.dataDir().resolve("logs/meta.properties"))) {
            throw new IllegalStateException(
                    "Formatting Kafka storage failed. Last lines of " + options.logFile() + ":\n" + formatter.logTail(30));
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
