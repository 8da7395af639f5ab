package org.satupintu.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole platform locally until Ctrl-C or SIGTERM, then stops everything it started. Data and logs live
 * under {@code .local/} of the checkout (or {@code SATUPINTU_HOME}); MongoDB is embedded unless {@code MONGODB_URI}
 * is set. {@code --replicas N} (or {@code SATUPINTU_REPLICAS}) runs N processes of each service;
 * {@code --kafka-brokers 3} (or {@code SATUPINTU_KAFKA_BROKERS}) a Kafka cluster of three KRaft nodes.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path repoRoot = findRepoRoot();
        Path workDir = envPath("SATUPINTU_HOME", repoRoot.resolve(".local"));
        // The console shows progress and the summary; what the launcher's own libraries log (the Kafka admin
        // client retrying while the broker starts, the embedded store's "not yet implemented" notes) goes to a
        // file. Set before anything logs: slf4j-simple reads it once.
        Path launcherLog = workDir.resolve("logs").resolve("local-stack.log");
        try {
            Files.createDirectories(launcherLog.getParent());
            System.setProperty("org.slf4j.simpleLogger.logFile", launcherLog.toString());
        }
        catch (java.io.IOException e) {
            System.err.println("SatuPintu local stack: cannot write " + launcherLog + " (" + e.getMessage()
                    + "); logging to the console");
        }
        int offset = Integer.parseInt(env("SATUPINTU_PORT_OFFSET", "0"));
        int replicas;
        int kafkaBrokers;
        try {
            replicas = replicas(args, env("SATUPINTU_REPLICAS", "1"));
            kafkaBrokers = kafkaBrokers(args, env("SATUPINTU_KAFKA_BROKERS", "1"));
        }
        catch (IllegalArgumentException e) {
            System.err.println("SatuPintu local stack: " + e.getMessage());
            System.err.println("Usage: ./run-local.sh [--replicas N] [--kafka-brokers 1|3|5]   (N = 1.."
                    + Ports.MAX_REPLICAS + "; also SATUPINTU_REPLICAS, SATUPINTU_KAFKA_BROKERS)");
            System.exit(2);
            return;
        }
        Platform.Config config = new Platform.Config(repoRoot, workDir, Ports.defaults().offset(offset),
                System.getenv("MONGODB_URI"),
                envPath("SATUPINTU_CACHE", KeycloakServer.defaultCacheDir()),
                env("SATUPINTU_SERVICE_JAVA_OPTS", ServiceProcess.DEFAULT_JAVA_OPTIONS), Map.of(), replicas,
                kafkaBrokers);
        System.out.println("SatuPintu local stack: starting (logs in " + config.logDir() + ") ...");
        long begin = System.nanoTime();
        CountDownLatch stopped = new CountDownLatch(1);
        Platform[] running = new Platform[1];
        boolean[] stopping = new boolean[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("SatuPintu local stack: stopping ...");
            Platform platform;
            synchronized (running) {
                stopping[0] = true;
                platform = running[0];
            }
            ServiceRuntime.stopTraining();
            if (platform != null) {
                platform.close();
            }
            // Whatever is still running, e.g. when stopped during start-up: every child of this JVM, by PID.
            int left = ChildProcess.stopEveryChild(Duration.ofSeconds(20));
            stopped.countDown();
            System.out.println("SatuPintu local stack: stopped" + (left == 0 ? "." : " (" + left
                    + " process(es) still starting were stopped too)."));
        }, "local-stack-shutdown"));
        Platform platform;
        try {
            platform = Platform.start(config, step -> System.out.println("  " + step));
        }
        catch (RuntimeException e) {
            synchronized (running) {
                if (stopping[0]) {
                    return; // stopped during start-up: the shutdown hook does the rest
                }
            }
            System.err.println("SatuPintu local stack failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        synchronized (running) {
            running[0] = platform;
        }
        System.out.println(banner(platform, Duration.ofNanos(System.nanoTime() - begin)));
        prepareFasterStarts(config);
        stopped.await();
    }

    /** The command-line options the launcher knows, each {@code --name value} or {@code --name=value}. */
    static final java.util.Set<String> OPTIONS = java.util.Set.of("replicas", "kafka-brokers");

    /** The options given on the command line, by name; an unknown option or a missing value is refused. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            else if (i + 1 < args.length) {
                value = args[++i];
            }
            else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, value);
        }
        return options;
    }

    /** The replica count: {@code --replicas N} wins over the environment's {@code fromEnvironment}. */
    static int replicas(String[] args, String fromEnvironment) {
        int replicas = number(options(args).getOrDefault("replicas", fromEnvironment), "replicas");
        if (replicas < 1 || replicas > Ports.MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be 1 to " + Ports.MAX_REPLICAS + ", not " + replicas);
        }
        return replicas;
    }

    /**
     * The Kafka nodes: {@code --kafka-brokers N} (1, 3 or 5: a KRaft quorum needs an odd count) wins over the
     * environment's {@code fromEnvironment}.
     */
    static int kafkaBrokers(String[] args, String fromEnvironment) {
        int brokers = number(options(args).getOrDefault("kafka-brokers", fromEnvironment), "kafka-brokers");
        if (brokers != 1 && brokers != 3 && brokers != 5) {
            throw new IllegalArgumentException("kafka-brokers must be 1, 3 or 5, not " + brokers);
        }
        return brokers;
    }

    private static int number(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not " + value);
        }
    }

    /** While the stack idles, record AOT caches that make the next start several times cheaper (JDK 25+). */
    private static void prepareFasterStarts(Platform.Config config) {
        if (!ServiceRuntime.aotSupported()) {
            return;
        }
        Thread training = new Thread(() -> {
            for (String module : Platform.SERVICES) {
                if (ServiceRuntime.train(config.repoRoot(), module, config.serviceJavaOptions(),
                        config.logDir().resolve(module + "-aot-training.log"))) {
                    System.out.println("Prepared a faster start for " + module + " (AOT cache).");
                }
            }
        }, "aot-training");
        training.setDaemon(true);
        training.setPriority(Thread.MIN_PRIORITY);
        training.start();
    }

    static String banner(Platform platform, Duration startTime) {
        Ports p = platform.config().ports();
        String store = platform.config().mongoUri() == null
                ? "embedded MongoDB-wire server " + platform.mongoUri() + " (data in " + platform.config().dataDir()
                        .resolve("mongo") + ")"
                : "MONGODB_URI (" + redact(platform.mongoUri()) + ")";
        return """

                ================================================================================
                 SatuPintu is running (ready in %.1f s). Ctrl-C stops everything.

                 Web client          http://localhost:%d/   (sign in with a demo login below)
                 Gateway (the API)   http://localhost:%d   Swagger UI /swagger-ui.html
                 Keycloak            http://localhost:%d   admin console: admin / admin
                 Issuer              %s
                 Kafka               %s (KRaft, SASL_PLAINTEXT + SCRAM-SHA-512, ACLs)
                                     passwords of admin and each service in %s
                 Store               %s
                 Mail (SMTP)         127.0.0.1:%d, every message saved as .eml in %s
                 SMS                 logged by notification-service (no provider configured)
                 %s
                 Logs                %s

                 Demo logins (password = user name), client satupintu-web:
                   ani, eko    applicant
                   budi        officer     SULUT-MANADO
                   citra       supervisor  SULUT-MANADO
                   dewi        officer     SULUT-BITUNG
                   fajar       supervisor  SULUT-BITUNG
                   olga        ops
                   adi         admin
                 Regional-office systems (client credentials, role integration):
                   office-sulut-manado / dev-secret-manado   SULUT-MANADO
                   office-sulut-bitung / dev-secret-bitung   SULUT-BITUNG

                 Try:
                   TOKEN=$(curl -s -d grant_type=password -d client_id=satupintu-web \\
                     -d username=ani -d password=ani %s | jq -r .access_token)
                   curl -H "Authorization: Bearer $TOKEN" http://localhost:%d/api/permit-types
                ================================================================================
                """.formatted(startTime.toMillis() / 1000.0, p.gateway(), p.gateway(), p.keycloak(), platform.issuer(), platform.kafkaDescription(),
                platform.config().kafkaCredentialsFile(), store, p.smtp(), platform.config().workDir().resolve("mail"),
                instances(platform), platform.config().logDir(), platform.tokenEndpoint(), p.gateway());
    }

    /** Every process of every service, one line per service; the gateway's first replica is the public door. */
    static String instances(Platform platform) {
        List<String> lines = new java.util.ArrayList<>();
        String label = platform.replicas() == 1 ? "Services            "
                : "Services (%d each)   ".formatted(platform.replicas());
        for (String module : List.of("gateway", "application-service", "document-service", "notification-service")) {
            List<String> urls = platform.replicasOf(module).stream().map(ServiceProcess::url).toList();
            lines.add(label + "%-21s %s".formatted(module, String.join("  ", urls)));
            label = "                    ";
        }
        return String.join("\n ", lines);
    }

    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]+@", "//***@");
    }

    /** The checkout: the first directory upwards that holds the root pom and the realm file. */
    static Path findRepoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("infra/keycloak"))) {
                return d;
            }
        }
        throw new IllegalStateException("Run the local stack from inside the SatuPintu checkout (not found above "
                + dir + ")");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path envPath(String name, Path fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Path.of(value).toAbsolutePath();
    }
}
