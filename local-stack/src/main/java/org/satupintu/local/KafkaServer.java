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
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run as a child process
 * from the Kafka jars on this module's classpath. Its data lives in the given directory and survives restarts;
 * the storage is formatted only on the first start.
 *
 * <p>Secured: clients authenticate with SCRAM-SHA-512 over {@code SASL_PLAINTEXT} (no anonymous access), the
 * controller listener with SASL/PLAIN as {@value KafkaAccess#ADMIN} (KRaft keeps SCRAM credentials in the
 * metadata log, so the controller cannot use them), and the {@code StandardAuthorizer} allows only what
 * {@link KafkaAccess} grants. On every start the service principals' SCRAM credentials and the ACLs are made to
 * match the given {@link KafkaCredentials} and {@link KafkaAccess#grants()}.
 */
public final class KafkaServer implements AutoCloseable {

    /** Partitions of every SatuPintu topic: events are keyed by application id, so order holds per application. */
    public static final int PARTITIONS = 3;

    private static final int SCRAM_ITERATIONS = 4096;

    private final ChildProcess process;
    private final String bootstrapServers;
    private final KafkaCredentials credentials;

    private KafkaServer(ChildProcess process, String bootstrapServers, KafkaCredentials credentials) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.credentials = credentials;
    }

    /**
     * @param credentials the passwords of the admin (the broker's own principal) and of every service principal
     */
    public record Options(Path dataDir, int port, int controllerPort, Path logFile, KafkaCredentials credentials) {
    }

    public static KafkaServer start(Options options) {
        Path config = writeConfig(options);
        String classpath = System.getProperty("java.class.path");
        if (!Files.exists(options.dataDir().resolve("logs/meta.properties"))) {
            format(config, classpath, options);
        }
        List<String> command = new java.util.ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx512m",
                "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
        command.addAll(loggingOptions());
        command.addAll(List.of("-cp", classpath, "kafka.Kafka", config.toString()));
        ChildProcess process = ChildProcess.start("kafka", command, Map.of(), options.dataDir(), options.logFile());
        String bootstrap = "127.0.0.1:" + options.port();
        KafkaServer server = new KafkaServer(process, bootstrap, options.credentials());
        try {
            Http.await("Kafka broker", process, Duration.ofSeconds(180), server::reachable);
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

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ChildProcess process() {
        return process;
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
        Http.await("Kafka users and ACLs in effect", process, timeout, () -> {
            try (Admin admin = admin()) {
                if (!new java.util.HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
                        .get(5, TimeUnit.SECONDS)).equals(wanted)) {
                    return false;
                }
            }
            catch (Exception e) {
                return false;
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

    /** An admin client authenticated as the super user {@value KafkaAccess#ADMIN}. */
    public Admin admin() {
        Map<String, Object> config = new java.util.HashMap<>(clientProperties(KafkaAccess.ADMIN));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
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

    private static Path writeConfig(Options options) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + options.controllerPort());
        p.setProperty("listeners",
                "CLIENT://127.0.0.1:" + options.port() + ",CONTROLLER://127.0.0.1:" + options.controllerPort());
        p.setProperty("advertised.listeners", "CLIENT://127.0.0.1:" + options.port());
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

    private static void format(Path config, String classpath, Options options) {
        List<String> command = new java.util.ArrayList<>(List.of(ChildProcess.javaExecutable(), "-cp", classpath,
                "kafka.tools.StorageTool", "format", "--cluster-id", Uuid.randomUuid().toString(), "--config",
                config.toString(), "--ignore-formatted"));
        // The admin's SCRAM credential must exist before the broker starts: it is how the broker talks to itself
        // and how the launcher adds the other users and the ACLs.
        command.addAll(List.of("--add-scram", KafkaAccess.SASL_MECHANISM + "=[name=" + KafkaAccess.ADMIN
                + ",iterations=" + SCRAM_ITERATIONS + ",password=" + options.credentials().adminPassword() + "]"));
        ChildProcess formatter = ChildProcess.start("kafka-storage-format", command, Map.of(), options.dataDir(),
                options.logFile());
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
