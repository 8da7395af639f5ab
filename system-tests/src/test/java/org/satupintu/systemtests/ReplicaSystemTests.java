package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.apache.kafka.clients.admin.Admin;
import org.satupintu.events.Topics;
import org.satupintu.local.KafkaAccess;
import org.satupintu.local.Platform;
import org.satupintu.local.ServiceProcess;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform with two processes of every service and three Kafka nodes ({@code ./run-local.sh --replicas 2
 * --kafka-brokers 3}, {@link RunningPlatform#replicated()}), in its own test JVM (the surefire execution
 * {@code replicas}, after the other system tests, so the two platforms never share the machine). The test that kills
 * a replica runs last.
 */
@Tag("replicas")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaSystemTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APPLICATION = "application-service";
    private static final String SUBMITTED = "satupintu.application.submitted.v1";

    private static Platform platform;
    private static String ani;
    private static String olga;

    @BeforeAll
    static void startTwoReplicasOfEachService() {
        platform = RunningPlatform.replicated();
        ani = RunningPlatform.token(platform, "ani");
        olga = RunningPlatform.token(platform, "olga");
        ApiClient.Response created = new ApiClient(platform.gatewayUrl()).post("/api/permit-types",
                RunningPlatform.token(platform, "adi"), Fixtures.permitTypeJson(Fixtures.TYPE));
        assertThat(created.status()).as(created.body()).isIn(201, 409);
    }

    @Test
    @Order(1)
    void everyReplicaRunsInItsOwnProcessOnItsOwnPort() {
        Set<Long> pids = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (String module : Platform.SERVICES) {
            assertThat(platform.replicasOf(module)).hasSize(2);
            for (ServiceProcess replica : platform.replicasOf(module)) {
                pids.add(replica.process().pid());
                ports.add(replica.port());
                assertThat(new ApiClient(replica.url()).get("/actuator/health/readiness", null).status())
                        .as(replica.url()).isEqualTo(200);
            }
        }
        assertThat(pids).hasSize(8);
        assertThat(ports).hasSize(8);
        JsonNode downstreams = new ApiClient(platform.gatewayUrl()).get("/actuator/health/downstreams", olga).json();
        assertThat(downstreams.path("details").path(APPLICATION).asString()).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void eachGatewaySpreadsCallsOverBothInstances() {
        List<ServiceProcess> instances = platform.replicasOf(APPLICATION);
        double before0 = requestCount(instances.get(0), "/api/permit-types");
        double before1 = requestCount(instances.get(1), "/api/permit-types");
        int calls = 40;
        for (int i = 0; i < calls; i++) {
            ApiClient gateway = new ApiClient(platform.gatewayUrl(i % 2));
            assertThat(gateway.get("/api/permit-types", ani).status()).isEqualTo(200);
        }
        double to0 = requestCount(instances.get(0), "/api/permit-types") - before0;
        double to1 = requestCount(instances.get(1), "/api/permit-types") - before1;
        System.out.printf("REPLICAS spread of %d calls: instance 0 got %.0f, instance 1 got %.0f%n", calls, to0, to1);
        assertThat(to0 + to1).isEqualTo(calls);
        assertThat(to0).isGreaterThanOrEqualTo(calls / 4.0);
        assertThat(to1).isGreaterThanOrEqualTo(calls / 4.0);
    }

    @Test
    @Order(3)
    void registrationNumbersStayUniqueUnderConcurrentSubmissionsToBothInstances() throws Exception {
        int threads = 4;
        int perThread = 8;
        List<String> numbers = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                // Directly to each instance, two threads each: both issue numbers at the same time.
                ApiClient instance = new ApiClient(platform.service(APPLICATION, t % 2).url());
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        JsonNode draft = create(instance, "rn-" + UUID.randomUUID());
                        ApiClient.Response submitted = instance.post("/api/applications/"
                                + draft.path("id").asString() + "/submit", ani, "");
                        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
                        numbers.add(submitted.json().path("registrationNumber").asString());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(numbers).hasSize(threads * perThread).doesNotContainNull().allMatch(n -> !n.isBlank());
        assertThat(new HashSet<>(numbers)).as("registration numbers issued by two instances").hasSize(numbers.size());
    }

    @Test
    @Order(4)
    void anIdempotencyKeyReplayedToTheOtherInstanceReturnsTheSameApplication() {
        String key = "replay-" + UUID.randomUUID();
        ApiClient first = new ApiClient(platform.service(APPLICATION, 0).url());
        ApiClient second = new ApiClient(platform.service(APPLICATION, 1).url());
        ApiClient.Response original = first.post("/api/applications", ani,
                Fixtures.applicationJson(Fixtures.OFFICE), "Idempotency-Key", key);
        assertThat(original.status()).as(original.body()).isEqualTo(201);
        ApiClient.Response replay = second.post("/api/applications", ani, Fixtures.applicationJson(Fixtures.OFFICE),
                "Idempotency-Key", key);
        assertThat(replay.status()).as(replay.body()).isIn(200, 201);
        assertThat(replay.json().path("id").asString()).isEqualTo(original.json().path("id").asString());
    }

    @Test
    @Order(5)
    void aNotificationStoredByOneReplicaReachesLiveStreamsHeldByBoth() throws Exception {
        List<ServiceProcess> replicas = platform.replicasOf("notification-service");
        List<Stream> streams = new ArrayList<>();
        try {
            for (ServiceProcess replica : replicas) {
                streams.add(Stream.open(replica.url(), ani));
            }
            JsonNode draft = create(new ApiClient(platform.gatewayUrl()), "nt-" + UUID.randomUUID());
            String id = draft.path("id").asString();
            ApiClient.Response submitted = new ApiClient(platform.gatewayUrl()).post("/api/applications/" + id
                    + "/submit", ani, "");
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
            // The event is consumed once (one consumer group), so the notification is stored by one replica; the
            // stream of the other replica sees it only through the shared store.
            for (int i = 0; i < streams.size(); i++) {
                assertThat(streams.get(i).awaitSubmitted(id, Duration.ofSeconds(60)))
                        .as("stream held by notification-service replica " + i).isTrue();
            }
        }
        finally {
            streams.forEach(Stream::close);
        }
    }

    /**
     * Every topic has six partitions on three nodes; each service's consumer group has a member in each replica,
     * and the partitions are split between them (keyed by application id, so one application's events stay in order
     * on one consumer).
     */
    @Test
    @Order(6)
    void consumerGroupsSpreadTheSixPartitionsOverBothReplicas() throws Exception {
        try (Admin admin = Admin.create(platform.kafkaClientProperties(KafkaAccess.ADMIN))) {
            var topic = admin.describeTopics(List.of(Topics.APPLICATION_EVENTS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.APPLICATION_EVENTS);
            assertThat(topic.partitions()).hasSize(6)
                    .allSatisfy(p -> assertThat(p.replicas()).as("replicas of partition " + p.partition()).hasSize(3));
            for (String group : List.of("document-service", "notification-service")) {
                Map<Integer, Integer> partitionsPerMember = new java.util.HashMap<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    partitionsPerMember.clear();
                    var description = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS)
                            .get(group);
                    int member = 0;
                    for (var m : description.members()) {
                        partitionsPerMember.put(member++, (int) m.assignment().topicPartitions().stream()
                                .filter(tp -> tp.topic().equals(Topics.APPLICATION_EVENTS)).count());
                    }
                    if (partitionsPerMember.size() == 2 && partitionsPerMember.values().stream()
                            .allMatch(n -> n > 0)) {
                        break;
                    }
                    Thread.sleep(500);
                }
                System.out.printf("REPLICAS %s: %s partitions of %s per member%n", group, partitionsPerMember.values(),
                        Topics.APPLICATION_EVENTS);
                assertThat(partitionsPerMember).as(group + " members").hasSize(2);
                assertThat(partitionsPerMember.values()).as(group + ": every member consumes a share")
                        .allMatch(n -> n > 0);
                assertThat(partitionsPerMember.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
            }
        }
    }

    /**
     * One Kafka node of three killed with SIGKILL while applications are submitted: every accepted submission is
     * notified exactly once (acks=all, min.insync.replicas 2), and the node rejoins.
     */
    @Test
    @Order(50)
    void killingOneKafkaNodeOfThreeLosesAndDuplicatesNothing() throws Exception {
        ApiClient gateway = new ApiClient(platform.gatewayUrl());
        String applicant = RunningPlatform.token(platform, "eko");
        List<String> accepted = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread submitter = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    ApiClient.Response created = gateway.post("/api/applications", applicant,
                            Fixtures.applicationJson(Fixtures.OFFICE), "Idempotency-Key", "broker-" + UUID.randomUUID());
                    String id = created.json().path("id").asString();
                    if (created.status() == 201 && gateway.post("/api/applications/" + id + "/submit", applicant, "")
                            .status() == 200) {
                        accepted.add(id);
                    }
                    else {
                        failed.incrementAndGet();
                    }
                    Thread.sleep(150);
                }
                catch (InterruptedException e) {
                    return;
                }
                catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
            }
        });
        long killedAt;
        long rejoined;
        try {
            Thread.sleep(4000);
            platform.killKafkaNode(2);
            killedAt = System.nanoTime();
            Thread.sleep(8000);
            platform.restartKafkaNode(2);
            rejoined = System.nanoTime();
            Thread.sleep(3000);
        }
        finally {
            running.set(false);
            submitter.join(60_000);
        }
        Set<String> expected = Set.copyOf(accepted);
        Map<String, Integer> notified = new java.util.HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            notified = submittedNotifications(applicant, expected);
            if (notified.keySet().containsAll(expected)) {
                break;
            }
            Thread.sleep(1000);
        }
        Thread.sleep(2000);
        Map<String, Integer> settled = submittedNotifications(applicant, expected);
        long lost = expected.stream().filter(id -> !settled.containsKey(id)).count();
        long duplicated = settled.values().stream().filter(n -> n > 1).count();
        System.out.printf("REPLICAS kill -9 of Kafka node 3 of 3: %d submissions accepted, %d refused or failed, "
                + "%d not notified, %d notified twice; node back after %d ms%n", expected.size(), failed.get(), lost,
                duplicated, TimeUnit.NANOSECONDS.toMillis(rejoined - killedAt));
        assertThat(expected).isNotEmpty();
        assertThat(lost).as("accepted submissions without their notification").isZero();
        assertThat(duplicated).as("submissions notified twice").isZero();
        assertThat(platform.kafkaNodes()).isEqualTo(3);
    }

    /** How many "submitted" notifications eko's inbox holds per application of {@code ids}. */
    private static Map<String, Integer> submittedNotifications(String token, Set<String> ids) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        ApiClient gateway = new ApiClient(platform.gatewayUrl());
        for (int page = 0; page < 50; page++) {
            JsonNode body = gateway.get("/api/notifications?size=100&page=" + page, token).json();
            JsonNode content = body.path("content");
            for (JsonNode n : content) {
                String id = n.path("applicationId").asString();
                if (SUBMITTED.equals(n.path("eventType").asString()) && ids.contains(id)) {
                    counts.merge(id, 1, Integer::sum);
                }
            }
            if (content.size() < 100) {
                break;
            }
        }
        return counts;
    }

    @Test
    @Order(100)
    void afterAKillOfOneInstanceOnlyCallsInFlightFailAndTheGatewayStopsSendingToItWithinSeconds()
            throws Exception {
        int clients = 4;
        int deadPort = platform.service(APPLICATION, 1).port();
        record Call(long startNanos, long endNanos, int status) {
        }
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] killedAt = new long[1];
        long[] deadAt = new long[1];
        double sentToDeadBeforeKill;
        double sentToDeadAfterQuiet;
        double sentToDeadAtEnd;
        try {
            CountDownLatch stop = new CountDownLatch(1);
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    ApiClient gateway = new ApiClient(platform.gatewayUrl());
                    while (stop.getCount() > 0) {
                        long begin = System.nanoTime();
                        int status;
                        try {
                            status = gateway.post("/api/applications", ani, Fixtures.applicationJson(Fixtures.OFFICE),
                                    "Idempotency-Key", "kill-" + UUID.randomUUID()).status();
                        }
                        catch (RuntimeException e) {
                            status = -1;
                        }
                        calls.add(new Call(begin, System.nanoTime(), status));
                    }
                    return null;
                });
            }
            Thread.sleep(3000);
            sentToDeadBeforeKill = balancedTo(deadPort);
            killedAt[0] = System.nanoTime();
            platform.kill(APPLICATION, 1);
            // kill() returns once the process has exited: calls that started before then were in flight on it.
            deadAt[0] = System.nanoTime();
            Thread.sleep(5000);
            sentToDeadAfterQuiet = balancedTo(deadPort);
            Thread.sleep(5000);
            sentToDeadAtEnd = balancedTo(deadPort);
            stop.countDown();
        }
        finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        List<Call> all = List.copyOf(calls);
        List<Call> failed = all.stream().filter(c -> c.status() != 201).toList();
        long lastFailureAfterKillMs = failed.stream()
                .mapToLong(c -> TimeUnit.NANOSECONDS.toMillis(c.endNanos() - killedAt[0])).max().orElse(0);
        System.out.printf("REPLICAS kill -9 of %s replica 1 under %d clients: %d calls, %d failed %s, last failure "
                + "%d ms after the kill (the process had exited %d ms after it); the gateway sent it %.0f calls before the kill, %.0f more in the first 5 s, "
                + "%.0f more after%n", APPLICATION, clients, all.size(), failed.size(),
                failed.stream().map(Call::status).toList(), lastFailureAfterKillMs,
                TimeUnit.NANOSECONDS.toMillis(deadAt[0] - killedAt[0]), sentToDeadBeforeKill,
                sentToDeadAfterQuiet - sentToDeadBeforeKill, sentToDeadAtEnd - sentToDeadAfterQuiet);
        assertThat(all.stream().filter(c -> c.endNanos() < killedAt[0]).count()).as("calls before the kill")
                .isGreaterThan(0);
        assertThat(all.stream().filter(c -> c.startNanos() > killedAt[0] + TimeUnit.SECONDS.toNanos(5)).count())
                .as("calls 5 s after the kill").isGreaterThan(0);
        // At most the calls in flight while the instance died, one per client, may fail, and only those that began
        // before it had exited.
        assertThat(failed.size()).isLessThanOrEqualTo(clients);
        assertThat(failed).allMatch(c -> c.startNanos() < deadAt[0]);
        assertThat(sentToDeadBeforeKill).as("calls the load balancer sent to the instance before the kill")
                .isGreaterThan(0);
        assertThat(sentToDeadAtEnd).as("calls the gateway's load balancer sent to the killed instance after 5 s")
                .isEqualTo(sentToDeadAfterQuiet);
        JsonNode downstreams = new ApiClient(platform.gatewayUrl()).get("/actuator/health/downstreams", olga).json();
        assertThat(downstreams.path("details").path(APPLICATION).asString()).startsWith("UP (1 of 2");
    }

    private static JsonNode create(ApiClient api, String key) {
        ApiClient.Response created = api.post("/api/applications", ani, Fixtures.applicationJson(Fixtures.OFFICE),
                "Idempotency-Key", key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** Requests a service instance served on a path, from its own metrics (http.server.requests). */
    private static double requestCount(ServiceProcess instance, String uri) {
        String metrics = new ApiClient(instance.url()).get("/actuator/prometheus", null).body();
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{"))
                .filter(l -> l.contains("uri=\"" + uri + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Calls the first gateway's load balancer sent to an instance (its micrometer stats, any outcome). */
    private static double balancedTo(int port) {
        ApiClient.Response metrics = new ApiClient(platform.gatewayUrl()).get("/actuator/prometheus", olga);
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body().lines().filter(l -> l.startsWith("loadbalancer_requests_"))
                .filter(l -> l.contains("_count{")).filter(l -> l.contains("serviceInstance_port=\"" + port + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A live notification stream of one replica, read on its own thread. */
    private static final class Stream implements AutoCloseable {

        private final Set<String> submitted = Collections.synchronizedSet(new HashSet<>());
        private final HttpClient http = HttpClient.newHttpClient();
        private final Thread reader;
        private volatile java.util.stream.Stream<String> lines;

        private Stream(String baseUrl, String token) throws Exception {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(HttpRequest
                    .newBuilder(URI.create(baseUrl + "/api/notifications/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            lines = response.body();
            reader = Thread.ofVirtual().start(() -> {
                try {
                    lines.forEach(line -> {
                        if (line.startsWith("data:")) {
                            JsonNode n = JSON.readTree(line.substring(5).trim());
                            if (SUBMITTED.equals(n.path("eventType").asString())) {
                                submitted.add(n.path("applicationId").asString());
                            }
                        }
                    });
                }
                catch (RuntimeException e) {
                    // closed
                }
            });
        }

        static Stream open(String baseUrl, String token) throws Exception {
            return new Stream(baseUrl, token);
        }

        boolean awaitSubmitted(String applicationId, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (submitted.contains(applicationId)) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        }

        @Override
        public void close() {
            lines.close();
            reader.interrupt();
            http.close();
        }
    }
}
