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
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.satupintu.events.Topics;

/**
 * A real Apache Kafka cluster in KRaft mode: one node, or three (or more) for a replicated cluster, each a combined
 * broker and controller run as a child process from the Kafka jars on this module's classpath, the controllers a
 * static quorum of all nodes. Its data lives in the given directory (node 1 in it, node N in {@code node-N/}) and
 * survives restarts; the storage is formatted only on the first start. With three nodes or more, topics have
 * replication factor 3 and {@code min.insync.replicas} 2: with producers on {@code acks=all}, an acknowledged record
 * is on two nodes at least, and the cluster goes on writing with one node down.
 *
 * <p>Secured: clients authenticate with SCRAM-SHA-512 over {@code SASL_PLAINTEXT} (no anonymous access), the
 * controller listener with SASL/PLAIN as {@value KafkaAccess#ADMIN} (KRaft keeps SCRAM credentials in the
 * metadata log, so the controller cannot use them), and the {@code StandardAuthorizer} allows only what
 * {@link KafkaAccess} grants. On every start the service principals' SCRAM credentials and the ACLs are made to
 * match the given {@link KafkaCredentials} and {@link KafkaAccess#grants()}.
 */
public final class KafkaServer implements AutoCloseable {

    /**
     * Partitions of every SatuPintu topic: events are keyed by application id, so order holds per application, and a
     * consumer group spreads over up to this many replicas of a service.
     */
    public static final int PARTITIONS = 6;

    private static final int SCRAM_ITERATIONS = 4096;

    private final Options options;
    private final ChildProcess[] processes;
    private final String bootstrapServers;
    private final KafkaCredentials credentials;

    private KafkaServer(Options options, ChildProcess[] processes) {
        this.options = options;
        this.processes = processes;
        this.bootstrapServers = options.bootstrapServers();
        this.credentials = options.credentials();
    }

    /**
     * @param ports the client port of each node (one entry: a single broker)
     * @param controllerPorts the controller port of each node, as many as {@code ports}
     * @param credentials the passwords of the admin (the brokers' own principal) and of every service principal
     */
    public record Options(Path dataDir, List<Integer> ports, List<Integer> controllerPorts, Path logFile,
            KafkaCredentials credentials) {

        public Options {
            ports = List.copyOf(ports);
            controllerPorts = List.copyOf(controllerPorts);
            if (ports.isEmpty() || ports.size() != controllerPorts.size()) {
                throw new IllegalArgumentException("Kafka needs a client and a controller port per node, got "
                        + ports + " and " + controllerPorts);
            }
        }

        /** One broker. */
        public Options(Path dataDir, int port, int controllerPort, Path logFile, KafkaCredentials credentials) {
            this(dataDir, List.of(port), List.of(controllerPort), logFile, credentials);
        }

        /**
         * {@code nodes} brokers on the ports from {@code port} and {@code controllerPort} in steps of 2 (9092/9093,
         * 9094/9095, 9096/9097 for the defaults).
         */
        public static Options cluster(Path dataDir, int nodes, int port, int controllerPort, Path logFile,
                KafkaCredentials credentials) {
            List<Integer> ports = new java.util.ArrayList<>();
            List<Integer> controllers = new java.util.ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ports.add(port + 2 * i);
                controllers.add(controllerPort + 2 * i);
            }
            return new Options(dataDir, ports, controllers, logFile, credentials);
        }

        public int nodes() {
            return ports.size();
        }

        /** Replication factor of the topics: 3 from three nodes on, else every node. */
        public int replicationFactor() {
            return Math.min(3, nodes());
        }

        /** Writes with {@code acks=all} need this many in-sync replicas: 2 of 3, else 1. */
        public int minInSyncReplicas() {
            return replicationFactor() >= 3 ? 2 : 1;
        }

        public String bootstrapServers() {
            return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
        }

        /** Node {@code i} (0-based) keeps its data here: node 0 in the data directory itself, as a single broker. */
        Path nodeDir(int i) {
            return i == 0 ? dataDir : dataDir.resolve("node-" + (i + 1));
        }

        Path nodeLog(int i) {
            if (i == 0) {
                return logFile;
            }
            String name = logFile.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String numbered = dot < 0 ? name + "-" + (i + 1) : name.substring(0, dot) + "-" + (i + 1)
                    + name.substring(dot);
            return logFile.resolveSibling(numbered);
        }
    }

    public static KafkaServer start(Options options) {
        String classpath = System.getProperty("java.class.path");
        Path[] configs = new Path[options.nodes()];
        for (int i = 0; i < options.nodes(); i++) {
            configs[i] = writeConfig(options, i);
        }
        // Every node of a cluster is formatted with the same cluster id: the one a node already holds, or a new one.
        String clusterId = null;
        for (int i = 0; i < options.nodes() && clusterId == null; i++) {
            clusterId = clusterIdOf(options.nodeDir(i));
        }
        if (clusterId == null) {
            clusterId = Uuid.randomUuid().toString();
        }
        for (int i = 0; i < options.nodes(); i++) {
            if (!Files.exists(options.nodeDir(i).resolve("logs/meta.properties"))) {
                format(configs[i], classpath, options, i, clusterId);
            }
        }
        ChildProcess[] processes = new ChildProcess[options.nodes()];
        KafkaServer server = new KafkaServer(options, processes);
        try {
            for (int i = 0; i < options.nodes(); i++) {
                processes[i] = startNode(options, i, configs[i], classpath);
            }
            Http.await(options.nodes() == 1 ? "Kafka broker" : "Kafka cluster of " + options.nodes() + " nodes",
                    processes[0], Duration.ofSeconds(180), server::reachable);
            server.ensureUsers();
            server.createTopics();
            server.ensureAcls();
            server.awaitAccessInEffect(Duration.ofSeconds(60));
            return server;
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static ChildProcess startNode(Options options, int i, Path config, String classpath) {
        List<String> command = new java.util.ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx512m",
                "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
        command.addAll(loggingOptions());
        command.addAll(List.of("-cp", classpath, "kafka.Kafka", config.toString()));
        return ChildProcess.start(options.nodes() == 1 ? "kafka" : "kafka-" + (i + 1), command, Map.of(),
                options.nodeDir(i), options.nodeLog(i));
    }

    private static String clusterIdOf(Path nodeDir) {
        Path meta = nodeDir.resolve("logs/meta.properties");
        if (!Files.exists(meta)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(meta)) {
            p.load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("cluster.id");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The first node's process (the only one of a single broker). */
    public ChildProcess process() {
        return processes[0];
    }

    public int nodes() {
        return processes.length;
    }

    /** Node {@code i}'s process (0-based). */
    public ChildProcess process(int i) {
        return processes[i];
    }

    /** Kills node {@code i} at once (kill -9), as a crash would. */
    public synchronized void killNode(int i) {
        processes[i].kill();
    }

    /** Starts node {@code i} again after {@link #killNode}; it catches up with the others by itself. */
    public synchronized void restartNode(int i) {
        processes[i].close();
        processes[i] = startNode(options, i, options.nodeDir(i).resolve("server.properties"),
                System.getProperty("java.class.path"));
        Http.await("Kafka node " + (i + 1), processes[i], Duration.ofSeconds(180), () -> nodeReachable(i));
    }

    public KafkaCredentials credentials() {
        return credentials;
    }

    /** Client settings (bootstrap servers, SASL) to connect as the given principal. */
    public Map<String, Object> clientProperties(String principal) {
        return credentials.clientProperties(bootstrapServers, principal);
    }

    /** Every service principal gets (or keeps) its SCRAM credential with the password of {@link #credentials()}. */
    public void ensureUsers() {
        List<UserScramCredentialAlteration> upserts = KafkaAccess.SERVICE_PRINCIPALS.stream()
                .<UserScramCredentialAlteration>map(p -> new UserScramCredentialUpsertion(p,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                        credentials.password(p)))
                .toList();
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("Could not set the Kafka users' credentials: " + e.getMessage(), e);
        }
    }

    /** Makes the broker's ACLs exactly {@link KafkaAccess#bindings()}: missing ones added, others removed. */
    public void ensureAcls() {
        try (Admin admin = admin()) {
            Set<AclBinding> wanted = new java.util.LinkedHashSet<>(KafkaAccess.bindings());
            java.util.Collection<AclBinding> present = admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(30, TimeUnit.SECONDS);
            List<AclBinding> missing = wanted.stream().filter(b -> !present.contains(b)).toList();
            List<AclBindingFilter> extra = present.stream().filter(b -> !wanted.contains(b))
                    .map(AclBinding::toFilter).toList();
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
            }
            if (!extra.isEmpty()) {
                admin.deleteAcls(extra).all().get(30, TimeUnit.SECONDS);
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("Could not set the Kafka ACLs: " + e.getMessage(), e);
        }
    }

    /**
     * Users and ACLs are written to the controller and reach the broker a moment later; until then a service's
     * login could fail (a client does not retry that). Waits until the broker holds exactly the ACL table and every
     * service principal can log in with its password.
     */
    public void awaitAccessInEffect(Duration timeout) {
        Set<AclBinding> wanted = new java.util.HashSet<>(KafkaAccess.bindings());
        Http.await("Kafka users and ACLs in effect", processes[0], timeout, () -> {
            // On every node: each learns them from the metadata log on its own.
            for (int port : options.ports()) {
                try (Admin admin = admin("127.0.0.1:" + port, 5000, 5000)) {
                    if (!new java.util.HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
                            .get(5, TimeUnit.SECONDS)).equals(wanted)) {
                        return false;
                    }
                }
                catch (Exception e) {
                    return false;
                }
            }
            for (String principal : KafkaAccess.SERVICE_PRINCIPALS) {
                Map<String, Object> config = new java.util.HashMap<>(clientProperties(principal));
                config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
                config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
                try (Admin admin = Admin.create(config)) {
                    admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                }
                catch (ExecutionException e) {
                    if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException) {
                        return false;
                    }
                    // logged in (an authorization answer is still an answer)
                }
                catch (Exception e) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Creates every topic and its dead-letter topic, as the platform expects them to exist, with {@value #PARTITIONS}
     * partitions, the cluster's replication factor and {@code min.insync.replicas}. A topic made with fewer
     * partitions (data of an older version) gets more: keys of events in flight at that moment may change partition,
     * so their order holds again from then on.
     */
    public void createTopics() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<String, String> configs = Map.of("min.insync.replicas", String.valueOf(options.minInSyncReplicas()));
            List<NewTopic> missing = Topics.allWithDeadLetters().stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, PARTITIONS, (short) options.replicationFactor()).configs(configs))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            List<String> present = Topics.allWithDeadLetters().stream().filter(existing::contains).toList();
            Map<String, org.apache.kafka.clients.admin.NewPartitions> grow = new java.util.HashMap<>();
            if (!present.isEmpty()) {
                admin.describeTopics(present).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) -> {
                    if (d.partitions().size() < PARTITIONS) {
                        grow.put(name, org.apache.kafka.clients.admin.NewPartitions.increaseTo(PARTITIONS));
                    }
                });
            }
            if (!grow.isEmpty()) {
                admin.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
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
            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() == nodes();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException) {
                // Data formatted before SASL, or with credentials since lost. Kafka cannot set the admin's SCRAM
                // credential without one (the controller does not take that request directly), and formatting
                // again would drop the data: the operator decides.
                throw new IllegalStateException("The Kafka broker in " + bootstrapServers + " refuses the admin "
                        + "password: its data directory was formatted before SASL or with other credentials. Restore "
                        + "the credentials file, or delete the data directory and start again. "
                        + e.getCause().getMessage(), e);
            }
            return false;
        }
        catch (Exception e) {
            return false;
        }
    }

    /** Whether node {@code i} answers and the cluster counts it again. */
    private boolean nodeReachable(int i) {
        try (Admin admin = admin("127.0.0.1:" + options.ports().get(i), 3000, 3000)) {
            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() == nodes();
        }
        catch (Exception e) {
            return false;
        }
    }

    /** An admin client authenticated as the super user {@value KafkaAccess#ADMIN}. */
    public Admin admin() {
        return admin(bootstrapServers, 5000, 8000);
    }

    /** An admin client of {@value KafkaAccess#ADMIN} to the given nodes, with short timeouts. */
    private Admin admin(String bootstrap, int requestTimeoutMs, int apiTimeoutMs) {
        Map<String, Object> config = new java.util.HashMap<>(credentials.clientProperties(bootstrap,
                KafkaAccess.ADMIN));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMs);
        return Admin.create(config);
    }

    /** Where the test classpath also holds Logback, the broker still logs through slf4j-simple at INFO. */
    private static List<String> loggingOptions() {
        try {
            Class.forName("org.slf4j.simple.SimpleServiceProvider", false, KafkaServer.class.getClassLoader());
            return List.of("-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider");
        }
        catch (ClassNotFoundException e) {
            return List.of();
        }
    }

    private static Path writeConfig(Options options, int node) {
        Properties p = new Properties();
        int port = options.ports().get(node);
        int controllerPort = options.controllerPorts().get(node);
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(node + 1));
        List<String> voters = new java.util.ArrayList<>();
        for (int i = 0; i < options.nodes(); i++) {
            voters.add((i + 1) + "@127.0.0.1:" + options.controllerPorts().get(i));
        }
        p.setProperty("controller.quorum.voters", String.join(",", voters));
        p.setProperty("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "CLIENT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "CLIENT");
        p.setProperty("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        // Clients (and the broker to itself): SCRAM-SHA-512. Controller: PLAIN, checked against this file only.
        String admin = KafkaAccess.ADMIN;
        String adminPassword = options.credentials().adminPassword();
        p.setProperty("sasl.enabled.mechanisms", KafkaAccess.SASL_MECHANISM);
        p.setProperty("listener.name.client.sasl.enabled.mechanisms", KafkaAccess.SASL_MECHANISM);
        p.setProperty("sasl.mechanism.inter.broker.protocol", KafkaAccess.SASL_MECHANISM);
        p.setProperty("listener.name.client.scram-sha-512.sasl.jaas.config",
                KafkaAccess.jaasConfig(admin, adminPassword));
        p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        p.setProperty("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin
                        + "\" password=\"" + adminPassword + "\" user_" + admin + "=\"" + adminPassword + "\";");
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("super.users", "User:" + admin);
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        Path dir = options.nodeDir(node);
        p.setProperty("log.dirs", dir.resolve("logs").toAbsolutePath().toString());
        p.setProperty("num.partitions", String.valueOf(PARTITIONS));
        String replicas = String.valueOf(options.replicationFactor());
        String minIsr = String.valueOf(options.minInSyncReplicas());
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", minIsr);
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly at start-up; a typo must not silently create a new topic.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.retention.hours", "168");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("server.properties");
            Files.deleteIfExists(file);
            try {
                // It holds the admin password: readable by its owner only.
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions
                        .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "Written by the SatuPintu local stack");
            }
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(Path config, String classpath, Options options, int node, String clusterId) {
        Path dir = options.nodeDir(node);
        Path logFile = options.nodeLog(node);
        List<String> command = new java.util.ArrayList<>(List.of(ChildProcess.javaExecutable(), "-cp", classpath,
                "kafka.tools.StorageTool", "format", "--cluster-id", clusterId, "--config",
                config.toString(), "--ignore-formatted"));
        // The admin's SCRAM credential must exist before the broker starts: it is how the broker talks to itself
        // and how the launcher adds the other users and the ACLs.
        command.addAll(List.of("--add-scram", KafkaAccess.SASL_MECHANISM + "=[name=" + KafkaAccess.ADMIN
                + ",iterations=" + SCRAM_ITERATIONS + ",password=" + options.credentials().adminPassword() + "]"));
        ChildProcess formatter = ChildProcess.start("kafka-storage-format", command, Map.of(), dir, logFile);
        try {
            Http.await("Kafka storage format", null, Duration.ofSeconds(180), () -> !formatter.isAlive());
        }
        finally {
            formatter.close();
        }
        if (!Files.exists(dir.resolve("logs/meta.properties"))) {
            throw new IllegalStateException(
                    "Formatting Kafka storage failed. Last lines of " + logFile + ":\n" + formatter.logTail(30));
        }
    }

    @Override
    public void close() {
        // All nodes at once: stopping one node of a cluster at a time makes the last ones wait for a quorum.
        List<Thread> stopping = new java.util.ArrayList<>();
        for (ChildProcess process : processes) {
            if (process != null) {
                stopping.add(Thread.ofPlatform().start(process::close));
            }
        }
        for (Thread t : stopping) {
            try {
                t.join();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
