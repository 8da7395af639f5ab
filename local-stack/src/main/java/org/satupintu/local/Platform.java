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
 * process. Used by the local stack and by the system tests. Closing it stops everything it started, in reverse
 * order, by PID.
 */
public final class Platform implements AutoCloseable {

    public static final List<String> SERVICES = List.of("application-service", "document-service",
            "notification-service", "gateway");

    private final Config config;
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
    private String mongoUri;
    private KafkaServer kafka;
    private KeycloakServer keycloak;

    /**
     * @param repoRoot the checkout (service jars under {@code <module>/target})
     * @param workDir data and logs of this instance
     * @param ports the loopback ports to use
     * @param mongoUri a real MongoDB to use instead of the embedded wire server, or null
     * @param keycloakCache where the Keycloak distribution is unpacked and built once
     * @param serviceJavaOptions JVM options of the service processes
     * @param serviceEnvironment extra environment for every service (e.g. test settings)
     */
    public record Config(Path repoRoot, Path workDir, Ports ports, String mongoUri, Path keycloakCache,
            String serviceJavaOptions, Map<String, String> serviceEnvironment) {

        public Path logDir() {
            return workDir.resolve("logs");
        }

        public Path dataDir() {
            return workDir.resolve("data");
        }
    }

    private Platform(Config config) {
        this.config = config;
    }

    public static Platform start(Config config) {
        Platform platform = new Platform(config);
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
        track(MailSink.start(config.workDir().resolve("mail"), ports.smtp()));
        CompletableFuture<KeycloakServer> keycloakStart = CompletableFuture.supplyAsync(() -> track(KeycloakServer
                .start(new KeycloakServer.Options(config.keycloakCache(), config.dataDir().resolve("keycloak"),
                        ports.keycloak(), ports.keycloakManagement(),
                        config.repoRoot().resolve("infra/keycloak/satupintu-realm.json"),
                        config.logDir().resolve("keycloak.log")))));
        pending.add(keycloakStart);
        CompletableFuture<KafkaServer> kafkaStart = CompletableFuture.supplyAsync(() -> track(KafkaServer.start(
                new KafkaServer.Options(config.dataDir().resolve("kafka"), ports.kafka(), ports.kafkaController(),
                        config.logDir().resolve("kafka.log")))));
        pending.add(kafkaStart);

        // Services validate tokens lazily (JWKS fetched on first use) and their Kafka clients reconnect by
        // themselves, so they start while Keycloak and Kafka boot: on two cores this saves many seconds.
        Map<String, String> env = new LinkedHashMap<>(config.serviceEnvironment());
        env.put("MONGODB_URI", mongoUri);
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.kafka());
        env.put("KEYCLOAK_ISSUER_URI", issuer());
        env.put("KEYCLOAK_JWK_SET_URI",
                "http://127.0.0.1:" + ports.keycloak() + "/realms/satupintu/protocol/openid-connect/certs");
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", String.valueOf(ports.smtp()));
        env.put("APPLICATION_SERVICE_URL", "http://127.0.0.1:" + ports.applicationService());
        env.put("DOCUMENT_SERVICE_URL", "http://127.0.0.1:" + ports.documentService());
        env.put("NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + ports.notificationService());
        Map<String, Integer> servicePorts = Map.of("application-service", ports.applicationService(),
                "document-service", ports.documentService(), "notification-service", ports.notificationService(),
                "gateway", ports.gateway());
        for (String module : SERVICES) {
            ServiceProcess service = track(ServiceProcess.start(config.repoRoot(), module, servicePorts.get(module),
                    env, config.serviceJavaOptions(), config.logDir().resolve(module + ".log")));
            services.put(module, service);
        }
        try {
            kafka = kafkaStart.join();
            for (ServiceProcess service : services.values()) {
                service.awaitReady(Duration.ofSeconds(240));
            }
            keycloak = keycloakStart.join();
        }
        catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    public String gatewayUrl() {
        return "http://localhost:" + config.ports().gateway();
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

    public ServiceProcess service(String module) {
        return services.get(module);
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
