package org.satupintu.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.local.Platform;
import org.satupintu.systemtests.RunningPlatform;
import org.satupintu.testsupport.ApiClient;

/**
 * Drill on the platform with two replicas of every service and three Kafka nodes ({@link
 * RunningPlatform#replicated()}): under steady create + upload + submit through both gateways, one replica of each
 * service in turn is killed with SIGKILL and started again, then one Kafka node of three. Nothing accepted is lost
 * or duplicated; only calls in flight on a killed process may fail. Runs with {@code benchmarks/fault-drills.sh}
 * (tag {@code replica-drill}, in the surefire execution of the replicated platform).
 */
@Tag("replica-drill")
class ReplicaKillsDrillTests {

    @BeforeAll
    static void onTheReplicatedPlatform() {
        Drills.use(RunningPlatform.replicated());
    }

    @AfterAll
    static void back() {
        Drills.use(null);
    }

    @Test
    void killingOneReplicaOfEachServiceInTurnAndOneKafkaNodeLosesAndDuplicatesNothing() {
        Platform platform = Drills.platform();
        assertThat(platform.replicas()).isEqualTo(2);
        assertThat(platform.kafkaNodes()).isEqualTo(3);
        Drills.ensureBenchmarkPermitType();
        Drills.Report report = new Drills.Report("replicas-kill-each-service-then-a-kafka-node");
        List<ApiClient> gateways = List.of(new ApiClient(platform.gatewayUrl(0)),
                new ApiClient(platform.gatewayUrl(1)));
        SteadyLoad load = SteadyLoad.start(gateways, List.of(Drills.APPLICANT), Duration.ofMillis(500), true);
        Map<String, Duration> restarts = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(Platform.SERVICES);
        Instant allBack;
        int kills = 0;
        try {
            Drills.sleep(Duration.ofSeconds(8));
            for (String module : order) {
                // The second replica: the first gateway holds the clients' streams in other tests; either will do.
                platform.kill(module, 1);
                kills++;
                Instant start = Instant.now();
                Drills.sleep(Duration.ofSeconds(5));
                platform.restart(module, 1);
                restarts.put(module + " replica 2: killed -> ready again", Duration.between(start, Instant.now()));
                Drills.sleep(Duration.ofSeconds(5));
            }
            platform.killKafkaNode(2);
            kills++;
            Instant start = Instant.now();
            Drills.sleep(Duration.ofSeconds(10));
            platform.restartKafkaNode(2);
            restarts.put("Kafka node 3 of 3: killed -> rejoined", Duration.between(start, Instant.now()));
            allBack = Instant.now();
            Drills.sleep(Duration.ofSeconds(8));
        }
        finally {
            load.close();
        }
        List<SteadyLoad.Accepted> accepted = load.accepted();
        List<String> apps = accepted.stream().map(SteadyLoad.Accepted::applicationId).toList();
        List<String> registrations = accepted.stream().map(SteadyLoad.Accepted::registrationNumber).toList();
        List<String> documents = load.uploadedDocuments();
        String token = Drills.token(Drills.APPLICANT);
        Duration converged = Drills.awaitUntil(Duration.ofSeconds(240),
                () -> Drills.missing(apps, Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps)) == 0
                        && Drills.missing(registrations, Drills.mailsMentioning(registrations)) == 0);
        Duration recovery = converged == null ? null : Duration.between(allBack, Instant.now());
        Drills.sleep(Duration.ofSeconds(3));
        Map<String, Integer> inbox = Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps);
        Map<String, Integer> mails = Drills.mailsMentioning(registrations);
        Map<String, List<String>> submitted = Drills.eventIdsByApplication(Topics.APPLICATION_EVENTS,
                EventTypes.APPLICATION_SUBMITTED, apps);
        int failed = load.failureCounts().values().stream().mapToInt(Integer::intValue).sum();

        restarts.forEach(report::put);
        report.put("submissions sent", load.sent())
                .put("submissions accepted (200)", apps.size())
                .put("uploads accepted (201)", documents.size())
                .put("refused or failed", load.failures())
                .put("failed calls in all", failed)
                .put("calls sent again to the other gateway (connection refused)", load.failovers())
                .put("submitted events lost", Drills.missing(apps, submitted))
                .put("submitted events duplicated (second id)", Drills.duplicatedIds(submitted))
                .deliveries(apps, inbox, registrations, mails)
                .put("time to recover (Kafka node back -> everything delivered)", recovery)
                .write();

        assertThat(apps).isNotEmpty();
        assertThat(Drills.missing(apps, submitted)).isZero();
        assertThat(Drills.duplicatedIds(submitted)).isZero();
        assertThat(Drills.missing(apps, inbox)).isZero();
        assertThat(Drills.duplicated(inbox)).isZero();
        assertThat(Drills.missing(registrations, mails)).isZero();
        assertThat(Drills.duplicated(mails)).isZero();
        // Only what was in flight on a killed process may fail: at one submission every 500 ms, a few per kill.
        assertThat(failed).as("failed calls over %d kills: %s", kills, load.failures()).isLessThanOrEqualTo(3 * kills);
        Drills.assertPlatformHealthy();
    }
}
