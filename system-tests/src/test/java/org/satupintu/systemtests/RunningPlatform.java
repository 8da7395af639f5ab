package org.satupintu.systemtests;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.satupintu.local.KeycloakServer;
import org.satupintu.local.Platform;
import org.satupintu.local.Ports;
import org.satupintu.local.ServiceProcess;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform started once per test JVM the way the local stack starts it (real Kafka broker, real
 * Keycloak, MongoDB-wire store or MONGODB_URI, four service processes), on free loopback ports.
 */
public final class RunningPlatform {

    /**
     * Test settings of every service: delivery retries and leases short enough that the fault drills (an SMTP or
     * webhook outage, a killed notification-service) recover within a test's time, and a per-client limit that a
     * whole test class of one demo user stays under; production keeps its defaults.
     */
    static final Map<String, String> SERVICE_ENVIRONMENT = Map.of(
            // One test class drives hundreds of calls a minute as the same demo user (the authorization matrix:
            // every call for every caller, each read back); the per-client limit itself is tested at the gateway.
            "SATUPINTU_EDGE_APILIMIT", "6000",
            "DELIVERY_INITIAL_BACKOFF", "2s",
            "DELIVERY_MAX_BACKOFF", "10s",
            "SATUPINTU_DELIVERY_LEASE", "30s",
            "SATUPINTU_DELIVERY_BREAKEROPENFOR", "5s");

    private static final Started SINGLE = new Started("platform", 1, 1, "The platform");
    private static final Started REPLICATED = new Started("platform-replicas", 2, 3, "The two-replica platform");

    private RunningPlatform() {
    }

    public static Platform get() {
        return SINGLE.get();
    }

    /**
     * The platform with two processes of every service and a Kafka cluster of three nodes ({@code ./run-local.sh
     * --replicas 2 --kafka-brokers 3}), started once per test JVM in {@code target/platform-replicas}. The replica
     * tests run in a surefire execution of their own, so it never shares the machine with {@link #get()}'s.
     */
    public static Platform replicated() {
        return REPLICATED.get();
    }

    /** One platform of this test JVM, started on first use in {@code target/<dir>} and stopped when the JVM ends. */
    private static final class Started {

        private final String dir;
        private final int replicas;
        private final int kafkaBrokers;
        private final String name;
        private Platform platform;
        private RuntimeException failure;

        Started(String dir, int replicas, int kafkaBrokers, String name) {
            this.dir = dir;
            this.replicas = replicas;
            this.kafkaBrokers = kafkaBrokers;
            this.name = name;
        }

        synchronized Platform get() {
            if (failure != null) {
                // One failed start is enough; every later test fails fast with the same cause.
                throw new IllegalStateException(name + " failed to start", failure);
            }
            if (platform == null) {
                Path repoRoot = Path.of("").toAbsolutePath().getParent();
                Path workDir = Path.of("target", dir).toAbsolutePath();
                deleteRecursively(workDir);
                try {
                    platform = Platform.start(new Platform.Config(repoRoot, workDir, Ports.free(),
                            System.getenv("MONGODB_URI"), KeycloakServer.defaultCacheDir(),
                            ServiceProcess.DEFAULT_JAVA_OPTIONS, SERVICE_ENVIRONMENT, replicas, kafkaBrokers));
                }
                catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(platform::close, dir + "-stop"));
            }
            return platform;
        }
    }

    /** A real access token from the platform's Keycloak: password grant for a demo user (password = name). */
    public static String token(String username) {
        return tokenFor(Map.of("grant_type", "password", "client_id", "satupintu-web", "username", username,
                "password", username));
    }

    /** The same, from the Keycloak of another platform (the two-replica one of {@code ReplicaSystemTests}). */
    public static String token(Platform platform, String username) {
        return tokenFor(platform.tokenEndpoint(), Map.of("grant_type", "password", "client_id", "satupintu-web",
                "username", username, "password", username));
    }

    public static String clientToken(String clientId, String secret) {
        return tokenFor(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private static String tokenFor(Map<String, String> form) {
        return tokenFor(get().tokenEndpoint(), form);
    }

    private static String tokenFor(String tokenEndpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
            }
            return JsonMapper.builder().build().readTree(response.body()).path("access_token").asString();
        }
        catch (Exception e) {
            throw new IllegalStateException("Token request failed: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!dir.toFile().exists()) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
