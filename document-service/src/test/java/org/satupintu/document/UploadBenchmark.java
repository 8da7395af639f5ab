package org.satupintu.document;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.tools.attach.VirtualMachine;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;

/**
 * Upload throughput and memory of document-service with its heap capped: starts the service jar as its own process
 * ({@code -Xmx256m} by default) against an in-process Kafka broker, the MongoDB-wire store and a stub of
 * application-service that also serves the JWK set of locally minted tokens; uploads a {@code sizeMb} PDF-like
 * file {@code rounds} times, downloads it once, and prints MB/s and the service's peak heap (its heap pools' peak
 * usage over JMX, and the largest heap seen in its GC log). Loopback only; stops what it started.
 *
 * <p>With a fifth argument, the base URL of a peer (benchmarks/upload-vs-nginx.sh: nginx writing request bodies to
 * disk), the same multipart request is then sent there {@code rounds} times with the same client, for a ratio.
 *
 * <p>Run: {@code document-service/bench-upload.sh [sizeMb=50] [rounds=3] [xmx=256m]}
 */
public final class UploadBenchmark {

    /** CPU time (user + system) of another process so far, from /proc (clock ticks). */
    private static long cpuNanos(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / 100; // USER_HZ is 100 on Linux
        }
        catch (java.io.IOException e) {
            return 0;
        }
    }

    /** CPU time of this JVM so far. */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static final String ISSUER = "http://bench-issuer.invalid/realms/satupintu";

    private UploadBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        }
        catch (Exception e) {
            e.printStackTrace();
            // The in-process broker and store keep threads alive: leave explicitly.
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int sizeMb = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String xmx = args.length > 2 ? args[2] : "256m";
        Path jar = Path.of(args.length > 3 ? args[3] : "document-service/target/document-service.jar");
        String peer = args.length > 4 ? args[4] : null;
        List<Double> serviceRates = new ArrayList<>();
        List<Double> peerRates = new ArrayList<>();

        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        String subject = UUID.randomUUID().toString();
        String token = token(key, subject);
        String applicationId = "bench-" + UUID.randomUUID();
        Path workDir = Files.createTempDirectory("upload-bench");
        Path gcLog = workDir.resolve("gc.log");

        try (ApplicationServiceStub stub = ApplicationServiceStub.start()) {
            stub.serve("/jwks", new JWKSet(key.toPublicJWK()).toString());
            stub.application(applicationId, subject, "DRAFT");
            String mongo = TestInfrastructure.mongoUri();
            String kafka = TestInfrastructure.kafkaBootstrapServers();
            int port = org.satupintu.local.Ports.freePort();
            String base = "http://127.0.0.1:" + port;
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBin, "-Xmx" + xmx,
                    "-XX:+UseSerialGC", "-Xlog:gc:file=" + gcLog));
            command.addAll(java.util.List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("service.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("SERVER_PORT", String.valueOf(port));
            env.put("MONGODB_URI", mongo);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
            env.put("KAFKA_PASSWORD", TestInfrastructure.kafkaPassword("document-service"));
            env.put("KEYCLOAK_ISSUER_URI", ISSUER);
            env.put("KEYCLOAK_JWK_SET_URI", stub.url() + "/jwks");
            env.put("APPLICATION_SERVICE_URL", stub.url());
            // document-service does not start without a signing keystore; the dev profile makes one here.
            env.put("SPRING_PROFILES_ACTIVE", "dev");
            env.put("SIGNING_KEYSTORE_PATH", workDir.resolve("signing/document-signing.p12").toString());
            env.put("SIGNING_KEYSTORE_PASSWORD_FILE", workDir.resolve("signing/keystore-password").toString());
            Process service = builder.start();
            try {
                awaitReady(base, service);
                Path file = Uploads.pdfFile((long) sizeMb * 1024 * 1024);
                String sha = Uploads.sha256(file);
                System.out.printf("document-service pid %d, -Xmx%s, file %d MiB (sha256 %s…)%n", service.pid(), xmx,
                        sizeMb, sha.substring(0, 12));
                Path warmupFile = Uploads.pdfFile(5L * 1024 * 1024);
                withRetries("warm-up upload", () -> upload(base, token, applicationId, warmupFile));
                try (JMXConnector jmx = jmx(service.pid())) {
                    MBeanServerConnection connection = jmx.getMBeanServerConnection();
                    List<MemoryPoolMXBean> heapPools = heapPools(connection);
                    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
                    String documentId = null;
                    // BENCH_JFR=1: the service's uploads recorded, in the service and in this JVM (client, store).
                    var recordService = org.satupintu.testsupport.FlightRecording.startFor(service.pid(),
                            "upload-service");
                    var recordClient = org.satupintu.testsupport.FlightRecording.start("upload-client");
                    long serviceCpuBefore = cpuNanos(service.pid());
                    long clientCpuBefore = ownCpuNanos();
                    long roundsStarted = System.nanoTime();
                    for (int round = 1; round <= rounds; round++) {
                        long[] started = new long[1];
                        ApiClient.Response response = withRetries("upload " + round, () -> {
                            started[0] = System.nanoTime();
                            return Uploads.upload(base, token, applicationId, "KTP", "bench.pdf", "application/pdf",
                                    file);
                        });
                        double seconds = (System.nanoTime() - started[0]) / 1e9;
                        if (response.status() != 201 || !response.json().path("sha256").asString().equals(sha)) {
                            throw new IllegalStateException("Upload failed: " + response.status() + " "
                                    + response.body());
                        }
                        documentId = response.json().path("id").asString();
                        serviceRates.add(sizeMb * 1.048576 / seconds);
                        System.out.printf("upload %d: %d MiB in %.2f s = %.1f MB/s%n", round, sizeMb, seconds,
                                sizeMb * 1.048576 / seconds);
                    }
                    double roundsSeconds = (System.nanoTime() - roundsStarted) / 1e9;
                    double serviceCpu = (cpuNanos(service.pid()) - serviceCpuBefore) / 1e9;
                    double clientCpu = (ownCpuNanos() - clientCpuBefore) / 1e9;
                    System.out.printf("cpu during the %d uploads (%.2f s): document-service %.2f s (%.0f %% of one"
                            + " core), client and store %.2f s; per MiB %.1f ms + %.1f ms%n", rounds, roundsSeconds,
                            serviceCpu, 100 * serviceCpu / roundsSeconds, clientCpu,
                            1000 * serviceCpu / (rounds * sizeMb), 1000 * clientCpu / (rounds * sizeMb));
                    recordService.close();
                    recordClient.close();
                    long started = System.nanoTime();
                    Uploads.Download download = Uploads.download(base, token,
                            "/api/documents/" + documentId + "/content");
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("download: %d MiB in %.2f s = %.1f MB/s, sha256 %s%n", sizeMb, seconds,
                            sizeMb * 1.048576 / seconds, download.sha256().equals(sha) ? "identical" : "DIFFERENT");
                    long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                    long max = ManagementFactory.newPlatformMXBeanProxy(connection,
                            ManagementFactory.MEMORY_MXBEAN_NAME, java.lang.management.MemoryMXBean.class)
                            .getHeapMemoryUsage().getMax();
                    System.out.printf("peak heap during the transfers (sum of heap pool peaks): %.1f MiB of %.0f MiB"
                            + " max%n", peak / 1048576.0, max / 1048576.0);
                }
                System.out.printf("largest heap in the GC log (before a collection): %s MiB; log %s%n",
                        largestHeapInGcLog(gcLog), gcLog);
                System.out.printf("document-service RSS after the transfers: %d MiB%n", rssMib(service.pid()));
                if (peer != null) {
                    withRetries("peer warm-up upload", () -> Uploads.upload(peer, token, applicationId, "KTP",
                            "warmup.pdf", "application/pdf", warmupFile));
                    for (int round = 1; round <= rounds; round++) {
                        long[] started = new long[1];
                        ApiClient.Response response = withRetries("peer upload " + round, () -> {
                            started[0] = System.nanoTime();
                            return Uploads.upload(peer, token, applicationId, "KTP", "bench.pdf", "application/pdf",
                                    file);
                        });
                        double seconds = (System.nanoTime() - started[0]) / 1e9;
                        if (response.status() / 100 != 2) {
                            throw new IllegalStateException("Peer upload failed: " + response.status());
                        }
                        peerRates.add(sizeMb * 1.048576 / seconds);
                        System.out.printf("peer upload %d: %d MiB in %.2f s = %.1f MB/s%n", round, sizeMb, seconds,
                                sizeMb * 1.048576 / seconds);
                    }
                }
                System.out.printf("RESULT size_mib=%d rounds=%d xmx=%s service_mbps=%.1f peer_mbps=%.1f%n", sizeMb,
                        rounds, xmx, median(serviceRates), median(peerRates));
            }
            finally {
                service.destroy();
                if (!service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
    }

    private static void upload(String base, String token, String applicationId, Path file) {
        ApiClient.Response response = Uploads.upload(base, token, applicationId, "KTP", "warmup.pdf",
                "application/pdf", file);
        if (response.status() != 201) {
            throw new IllegalStateException("Warm-up upload failed: " + response.status() + " " + response.body());
        }
    }

    private static String token(RSAKey key, String subject) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience("satupintu-api")
                .claim("preferred_username", "bench").claim("realm_access", Map.of("roles", List.of("applicant")))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void awaitReady(String base, Process service) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("document-service exited with " + service.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("document-service did not get ready");
    }

    /**
     * Runs a transfer, again after a broken connection (seen on a heavily loaded machine), at most three times;
     * every failed attempt is printed so it shows in the results.
     */
    private static <T> T withRetries(String what, java.util.function.Supplier<T> transfer) {
        for (int attempt = 1;; attempt++) {
            try {
                return transfer.get();
            }
            catch (IllegalStateException e) {
                System.out.printf("%s: attempt %d failed: %s%n", what, attempt, e.getMessage());
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static void withRetries(String what, Runnable transfer) {
        withRetries(what, () -> {
            transfer.run();
            return null;
        });
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long rssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        }
        catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private static JMXConnector jmx(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        }
        finally {
            vm.detach();
        }
    }

    private static List<MemoryPoolMXBean> heapPools(MBeanServerConnection connection) throws Exception {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(connection, MemoryPoolMXBean.class)) {
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool);
            }
        }
        return pools;
    }

    /** Lines like {@code GC(3) Pause Young (Allocation Failure) 70M->12M(247M) 3.1ms}. */
    private static String largestHeapInGcLog(Path gcLog) throws Exception {
        Pattern heap = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        int largest = 0;
        int live = 0;
        int committed = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = heap.matcher(line);
            if (m.find()) {
                largest = Math.max(largest, Integer.parseInt(m.group(1)));
                live = Math.max(live, Integer.parseInt(m.group(2)));
                committed = Math.max(committed, Integer.parseInt(m.group(3)));
            }
        }
        return largest + " (largest still in use after a collection " + live + ", largest committed " + committed
                + ")";
    }
}
