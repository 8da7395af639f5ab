package org.satupintu.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole platform on one machine: store, Kafka broker, Keycloak and the four services, each service its own
 * process, or several (replicas, on the ports of {@link Ports#replicaPort}). Used by the local stack and by the
 * system tests. Closing it stops everything it started, in reverse order, by PID.
 */
public final class Platform implements AutoCloseable {

    public static final List<String> SERVICES = List.of("application-service", "document-service",
            "notification-service", "gateway");

    /** document-service's confidential client in the dev realm (infra/keycloak/satupintu-realm.json). */
    static final String DEV_REALM_SERVICE_CLIENT = "document-service";
    /** Its secret there: a known dev secret, like the office clients'; the production realm has a placeholder. */
    static final String DEV_REALM_SERVICE_CLIENT_SECRET = "dev-secret-document-service";

    private final Config config;
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    /** Each service's replicas, the first at index 0. */
    private final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    private final List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private final Map<String, String> serviceEnvironment = new LinkedHashMap<>();
    private String mongoUri;
    private KafkaCredentials kafkaCredentials;
    private KafkaServer kafka;
    private KeycloakServer keycloak;
    private MailSink mail;

    /**
     * @param repoRoot the checkout (service jars under {@code <module>/target})
     * @param workDir data and logs of this instance
     * @param ports the loopback ports to use
     * @param mongoUri a real MongoDB to use instead of the embedded wire server, or null
     * @param keycloakCache where the Keycloak distribution is unpacked and built once
     * @param serviceJavaOptions JVM options of the service processes
     * @param serviceEnvironment extra environment for every service (e.g. test settings)
     * @param replicas how many processes of each service (1 to {@link Ports#MAX_REPLICAS})
     */
    public record Config(Path repoRoot, Path workDir, Ports ports, String mongoUri, Path keycloakCache,
            String serviceJavaOptions, Map<String, String> serviceEnvironment, int replicas, int kafkaBrokers) {

        public Config {
            if (replicas < 1 || replicas > Ports.MAX_REPLICAS) {
                throw new IllegalArgumentException("replicas must be 1 to " + Ports.MAX_REPLICAS + ", not "
                        + replicas);
            }
            if (kafkaBrokers < 1 || kafkaBrokers % 2 == 0) {
                throw new IllegalArgumentException("kafkaBrokers must be 1, 3 or 5 (an odd KRaft quorum), not "
                        + kafkaBrokers);
            }
        }

        /** One Kafka broker. */
        public Config(Path repoRoot, Path workDir, Ports ports, String mongoUri, Path keycloakCache,
                String serviceJavaOptions, Map<String, String> serviceEnvironment, int replicas) {
            this(repoRoot, workDir, ports, mongoUri, keycloakCache, serviceJavaOptions, serviceEnvironment, replicas,
                    1);
        }

        /** One process per service. */
        public Config(Path repoRoot, Path workDir, Ports ports, String mongoUri, Path keycloakCache,
                String serviceJavaOptions, Map<String, String> serviceEnvironment) {
            this(repoRoot, workDir, ports, mongoUri, keycloakCache, serviceJavaOptions, serviceEnvironment, 1, 1);
        }

        public Path logDir() {
            return workDir.resolve("logs");
        }

        public Path dataDir() {
            return workDir.resolve("data");
        }

        /** The Kafka principals' passwords, generated on first start (never commit: it lives under .local/). */
        public Path kafkaCredentialsFile() {
            return workDir.resolve("kafka-credentials.properties");
        }
    }

    private final java.util.function.Consumer<String> progress;

    private Platform(Config config, java.util.function.Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    public static Platform start(Config config) {
        return start(config, step -> {
        });
    }

    /** Starts everything, telling {@code progress} each part that became ready (the launcher prints them). */
    public static Platform start(Config config, java.util.function.Consumer<String> progress) {
        Platform platform = new Platform(config, progress);
        try {
            platform.startAll();
            return platform;
        }
        catch (RuntimeException e) {
            // Let background starts finish first, or what they start would outlive the platform.
            platform.pending.forEach(f -> {
                try {
                    f.join();
                }
                catch (RuntimeException ignored) {
                    // already failing
                }
            });
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        Ports ports = config.ports();
        if (config.mongoUri() == null || config.mongoUri().isBlank()) {
            MongoWireServer mongo = MongoWireServer.start(config.dataDir().resolve("mongo"), ports.mongo());
            started.add(mongo);
            mongoUri = mongo.uri();
        }
        else {
            mongoUri = config.mongoUri();
        }
        mail = track(MailSink.start(mailDir(), ports.smtp()));
        kafkaCredentials = KafkaCredentials.loadOrCreate(config.kafkaCredentialsFile());
        CompletableFuture<KeycloakServer> keycloakStart = CompletableFuture.supplyAsync(() -> track(KeycloakServer
                .start(new KeycloakServer.Options(config.keycloakCache(), config.dataDir().resolve("keycloak"),
                        ports.keycloak(), ports.keycloakManagement(),
                        config.repoRoot().resolve("infra/keycloak/satupintu-realm.json"),
                        config.logDir().resolve("keycloak.log")))));
        pending.add(keycloakStart);
        CompletableFuture<KafkaServer> kafkaStart = CompletableFuture
                .supplyAsync(() -> track(KafkaServer.start(kafkaOptions())));
        pending.add(kafkaStart);

        // Services validate tokens lazily (JWKS fetched on first use) and their Kafka clients reconnect by
        // themselves, so they start while Keycloak and Kafka boot: on two cores this saves many seconds.
        Map<String, String> env = serviceEnvironment;
        env.putAll(config.serviceEnvironment());
        env.put("MONGODB_URI", mongoUri);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaOptions().bootstrapServers());
        env.put("KEYCLOAK_ISSUER_URI", issuer());
        env.put("KEYCLOAK_JWK_SET_URI",
                "http://127.0.0.1:" + ports.keycloak() + "/realms/satupintu/protocol/openid-connect/certs");
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", String.valueOf(ports.smtp()));
        servicePorts.putAll(Map.of("application-service", ports.applicationService(),
                "document-service", ports.documentService(), "notification-service", ports.notificationService(),
                "gateway", ports.gateway()));
        // Every replica, comma-separated: the gateway balances over them (Spring Cloud LoadBalancer) and
        // document-service tries the next one when a connection is refused.
        env.put("APPLICATION_SERVICE_URL", urlsOf("application-service"));
        env.put("DOCUMENT_SERVICE_URL", urlsOf("document-service"));
        env.put("NOTIFICATION_SERVICE_URL", urlsOf("notification-service"));
        // The dev profile: document-service creates its signing keystore (and a random password) under the data
        // directory on first start; a real deployment mounts one. Never in the database.
        env.putIfAbsent("SPRING_PROFILES_ACTIVE", "dev");
        env.put("SIGNING_KEYSTORE_PATH", config.dataDir().resolve("signing/document-signing.p12").toString());
        env.put("SIGNING_KEYSTORE_PASSWORD_FILE", config.dataDir().resolve("signing/keystore-password").toString());
        for (String module : SERVICES) {
            List<ServiceProcess> replicas = new ArrayList<>();
            for (int r = 0; r < config.replicas(); r++) {
                replicas.add(track(startService(module, r)));
            }
            services.put(module, replicas);
        }
        try {
            kafka = kafkaStart.join();
            progress.accept("Kafka broker ready at " + kafka.bootstrapServers());
            for (List<ServiceProcess> replicas : services.values()) {
                for (ServiceProcess service : replicas) {
                    service.awaitReady(Duration.ofSeconds(480));
                    progress.accept(service.module() + " ready at " + service.url());
                }
            }
            keycloak = keycloakStart.join();
            progress.accept("Keycloak ready at " + issuer());
        }
        catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private ServiceProcess startService(String module, int replica) {
        return ServiceProcess.start(config.repoRoot(), module, port(module, replica), environmentOf(module),
                config.serviceJavaOptions(), logFile(module, replica));
    }

    /** The port of a replica of a service (0 is the first). */
    public int port(String module, int replica) {
        Integer first = servicePorts.get(module);
        if (first == null) {
            throw new IllegalArgumentException("No service " + module + "; one of " + SERVICES);
        }
        return Ports.replicaPort(first, replica);
    }

    /** {@code <module>.log} for the first replica, {@code <module>-2.log} for the second, and so on. */
    private Path logFile(String module, int replica) {
        return config.logDir().resolve(replica == 0 ? module + ".log" : module + "-" + (replica + 1) + ".log");
    }

    /** {@code {"spring.cloud.discovery.client.simple.instances":{"application-service":[{"uri":"..."},...],...}}}. */
    private String gatewayInstancesJson() {
        List<String> services = new ArrayList<>();
        for (String service : List.of("application-service", "document-service", "notification-service")) {
            List<String> instances = new ArrayList<>();
            for (int r = 0; r < config.replicas(); r++) {
                instances.add("{\"uri\":\"http://127.0.0.1:" + port(service, r) + "\"}");
            }
            services.add("\"" + service + "\":[" + String.join(",", instances) + "]");
        }
        return "{\"spring.cloud.discovery.client.simple.instances\":{" + String.join(",", services) + "}}";
    }

    private String urlsOf(String module) {
        List<String> urls = new ArrayList<>();
        for (int r = 0; r < config.replicas(); r++) {
            urls.add("http://127.0.0.1:" + port(module, r));
        }
        return String.join(",", urls);
    }

    /**
     * One broker keeps its data in {@code data/kafka}; a cluster of N in {@code data/kafka-N} (a KRaft quorum cannot
     * change its size in place), node 1 on the usual ports and node i two ports further each.
     */
    private KafkaServer.Options kafkaOptions() {
        int nodes = config.kafkaBrokers();
        return KafkaServer.Options.cluster(config.dataDir().resolve(nodes == 1 ? "kafka" : "kafka-" + nodes), nodes,
                config.ports().kafka(), config.ports().kafkaController(), config.logDir().resolve("kafka.log"),
                kafkaCredentials);
    }

    /** The Kafka bootstrap servers and, for a cluster, its size, for the banner. */
    public String kafkaDescription() {
        KafkaServer.Options options = kafkaOptions();
        return options.bootstrapServers() + (options.nodes() == 1 ? ""
                : " (" + options.nodes() + " nodes, replication factor " + options.replicationFactor()
                        + ", min.insync.replicas " + options.minInSyncReplicas() + ")");
    }

    /**
     * The shared environment plus the service's own Kafka principal (its module name) and password, and for
     * document-service its client of the dev realm (it confirms issued permits with application-service).
     */
    private Map<String, String> environmentOf(String module) {
        Map<String, String> env = new LinkedHashMap<>(serviceEnvironment);
        env.putAll(kafkaCredentials.serviceEnvironment(module));
        if (module.equals("gateway")) {
            // The gateway takes one URL per service (the first replica) and balances over the instance lists of
            // spring.cloud.discovery.client.simple.instances, given here as JSON when there are several.
            for (String service : List.of("application-service", "document-service", "notification-service")) {
                env.put(service.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL",
                        "http://127.0.0.1:" + port(service, 0));
            }
            if (config.replicas() > 1) {
                env.put("SPRING_APPLICATION_JSON", gatewayInstancesJson());
            }
        }
        if (module.equals("document-service")) {
            env.put("SERVICE_CLIENT_ID", DEV_REALM_SERVICE_CLIENT);
            env.put("SERVICE_CLIENT_SECRET", DEV_REALM_SERVICE_CLIENT_SECRET);
        }
        return env;
    }

    /**
     * Kills every replica of a service with SIGKILL (no shutdown hooks, no graceful stop), as a crash would: the
     * service is down.
     */
    public synchronized void kill(String module) {
        for (int r = 0; r < replicas(); r++) {
            kill(module, r);
        }
    }

    /** Kills one replica's process tree with SIGKILL (0 is the first replica); the others keep running. */
    public synchronized void kill(String module, int replica) {
        requireService(module, replica).process().kill();
    }

    /**
     * Starts every replica of a service again (stopping each first if it still runs) with the same environment
     * and ports as before, and waits until they are ready.
     */
    public synchronized void restart(String module) {
        for (int r = 0; r < replicas(); r++) {
            restart(module, r);
        }
    }

    /** Starts one replica again (stopping it first if it still runs) on its port, and waits until it is ready. */
    public synchronized void restart(String module, int replica) {
        ServiceProcess old = requireService(module, replica);
        if (old.process().isAlive()) {
            old.close();
        }
        ServiceProcess fresh = startService(module, replica);
        replace(old, fresh);
        services.get(module).set(replica, fresh);
        fresh.awaitReady(Duration.ofSeconds(240));
    }

    /** Stops the Kafka broker (politely, as an operator would); {@link #startKafka()} brings it back. */
    public synchronized void stopKafka() {
        kafka.close();
    }

    /** Starts the broker again on the same data directory and ports; its topics and records are still there. */
    public synchronized void startKafka() {
        KafkaServer fresh = KafkaServer.start(kafkaOptions());
        replace(kafka, fresh);
        kafka = fresh;
    }

    /** How many Kafka nodes run (1, or the cluster's size). */
    public int kafkaNodes() {
        return kafka.nodes();
    }

    /** Kills Kafka node {@code node} (0-based) with SIGKILL, as a crash would; the others go on. */
    public synchronized void killKafkaNode(int node) {
        kafka.killNode(node);
    }

    /** Starts Kafka node {@code node} again after {@link #killKafkaNode}; it rejoins and catches up. */
    public synchronized void restartKafkaNode(int node) {
        kafka.restartNode(node);
    }

    /** Stops the SMTP server: connections are refused until {@link #startMail()}. */
    public synchronized void stopMail() {
        mail.close();
    }

    /** Starts the SMTP server again on the same port; it saves messages next to the earlier ones. */
    public synchronized void startMail() {
        MailSink fresh = MailSink.start(mailDir(), config.ports().smtp());
        replace(mail, fresh);
        mail = fresh;
    }

    /** Where the SMTP server saves every message it accepted, one {@code .eml} file each. */
    public Path mailDir() {
        return config.workDir().resolve("mail");
    }

    private ServiceProcess requireService(String module, int replica) {
        List<ServiceProcess> replicas = services.get(module);
        if (replicas == null) {
            throw new IllegalArgumentException("No service " + module + "; one of " + SERVICES);
        }
        if (replica < 0 || replica >= replicas.size()) {
            throw new IllegalArgumentException(module + " has replicas 0.." + (replicas.size() - 1) + ", not "
                    + replica);
        }
        return replicas.get(replica);
    }

    private void replace(AutoCloseable old, AutoCloseable fresh) {
        synchronized (started) {
            started.remove(old);
            started.add(fresh);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    /** The first gateway replica: the one public entry point (the others listen on the replica ports). */
    public String gatewayUrl() {
        return gatewayUrl(0);
    }

    public String gatewayUrl(int replica) {
        return "http://localhost:" + Ports.replicaPort(config.ports().gateway(), replica);
    }

    public String issuer() {
        return "http://localhost:" + config.ports().keycloak() + "/realms/satupintu";
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String mongoUri() {
        return mongoUri;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public KafkaCredentials kafkaCredentials() {
        return kafkaCredentials;
    }

    /** Client settings to reach the broker as a principal of {@link KafkaAccess}, e.g. the admin in tests. */
    public Map<String, Object> kafkaClientProperties(String principal) {
        return kafkaCredentials.clientProperties(kafkaBootstrapServers(), principal);
    }

    /** The first replica of a service. */
    public ServiceProcess service(String module) {
        return requireService(module, 0);
    }

    /** One replica of a service, 0 being the first. */
    public ServiceProcess service(String module, int replica) {
        return requireService(module, replica);
    }

    /** Every replica of a service, the first at index 0. */
    public List<ServiceProcess> replicasOf(String module) {
        requireService(module, 0);
        return List.copyOf(services.get(module));
    }

    /** How many processes of each service run (1 unless the config asked for more). */
    public int replicas() {
        return config.replicas();
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public Config config() {
        return config;
    }

    @Override
    public void close() {
        List<AutoCloseable> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(toStop);
        // Services first, all at once, then infrastructure.
        toStop.parallelStream().filter(ServiceProcess.class::isInstance).forEach(Platform::closeQuietly);
        toStop.stream().filter(r -> !(r instanceof ServiceProcess)).forEach(Platform::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        }
        catch (Exception e) {
            System.err.println("Could not stop " + resource + ": " + e.getMessage());
        }
    }
}
