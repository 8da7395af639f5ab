package org.satupintu.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.systemtests.RunningPlatform;

/**
 * Drill: the Kafka broker is stopped for 30 s while submissions continue at a steady rate. Submissions are still
 * accepted (the outbox holds their events); after the broker returns, every accepted submission's events are
 * published and every notification arrives, once.
 */
@Tag("slow-drill")
class BrokerOutageDrillTests {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void everyAcceptedSubmissionIsPublishedAndNotifiedOnceAfterTheBrokerReturns() {
        Drills.ensureBenchmarkPermitType();
        Drills.Report report = new Drills.Report("kafka-broker-outage");
        SteadyLoad load = SteadyLoad.start(Drills.gateway(), Drills.APPLICANT, Duration.ofMillis(500), false);
        Instant stopped;
        Instant back;
        int sentBefore;
        int sentDuring;
        int acceptedDuring;
        Duration restart;
        Duration stopTook;
        try {
            Drills.sleep(Duration.ofSeconds(10));
            sentBefore = load.sent();
            Instant stopping = Instant.now();
            Drills.platform().stopKafka();
            stopped = Instant.now();
            stopTook = Duration.between(stopping, stopped);
            int acceptedAtStop = load.accepted().size();
            Drills.sleep(OUTAGE);
            sentDuring = load.sent() - sentBefore;
            acceptedDuring = load.accepted().size() - acceptedAtStop;
            Instant starting = Instant.now();
            Drills.platform().startKafka();
            back = Instant.now();
            restart = Duration.between(starting, back);
            Drills.sleep(Duration.ofSeconds(10));
        }
        finally {
            load.close();
        }
        List<String> apps = load.accepted().stream().map(SteadyLoad.Accepted::applicationId).toList();
        List<String> registrations = load.accepted().stream().map(SteadyLoad.Accepted::registrationNumber).toList();
        String token = RunningPlatform.token(Drills.APPLICANT);
        Duration published = Drills.awaitUntil(Duration.ofSeconds(180), () -> Drills.missing(apps,
                Drills.eventIdsByApplication(Topics.APPLICATION_EVENTS, EventTypes.APPLICATION_SUBMITTED, apps)) == 0);
        Duration publishedAfter = published == null ? null : Duration.between(back, Instant.now());
        Duration converged = Drills.awaitUntil(Duration.ofSeconds(180),
                () -> Drills.missing(apps, Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps)) == 0
                        && Drills.missing(registrations, Drills.mailsMentioning(registrations)) == 0);
        Duration deliveredAfter = converged == null ? null : Duration.between(back, Instant.now());
        Drills.sleep(Duration.ofSeconds(3));
        Map<String, List<String>> submitted = Drills.eventIdsByApplication(Topics.APPLICATION_EVENTS,
                EventTypes.APPLICATION_SUBMITTED, apps);
        Map<String, List<String>> created = Drills.eventIdsByApplication(Topics.APPLICATION_EVENTS,
                EventTypes.APPLICATION_CREATED, apps);
        Map<String, Integer> inbox = Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps);
        Map<String, Integer> mails = Drills.mailsMentioning(registrations);

        report.put("broker stop (SIGTERM, controlled shutdown) took", stopTook)
                .put("broker down (stopped -> ready again)", Duration.between(stopped, back))
                .put("of which the broker's start until ready", restart)
                .put("submissions sent", load.sent())
                .put("submissions sent while the broker was down", sentDuring)
                .put("submissions accepted (200)", apps.size())
                .put("accepted while the broker was down", acceptedDuring)
                .put("refused or failed", load.failures())
                .put("submitted events lost", Drills.missing(apps, submitted))
                .put("submitted events duplicated (second id)", Drills.duplicatedIds(submitted))
                .put("submitted events redelivered (same id again)", Drills.redelivered(submitted))
                .put("created events lost", Drills.missing(apps, created))
                .put("created events duplicated (second id)", Drills.duplicatedIds(created))
                .deliveries(apps, inbox, registrations, mails)
                .put("time to recover (broker ready -> every event published)", publishedAfter)
                .put("time to recover (broker ready -> every notification delivered)", deliveredAfter)
                .write();

        assertThat(acceptedDuring).as("submissions accepted while the broker is down").isPositive();
        assertThat(Drills.missing(apps, submitted)).isZero();
        assertThat(Drills.duplicatedIds(submitted)).isZero();
        assertThat(Drills.missing(apps, created)).isZero();
        assertThat(Drills.missing(apps, inbox)).isZero();
        assertThat(Drills.duplicated(inbox)).isZero();
        assertThat(Drills.missing(registrations, mails)).isZero();
        assertThat(Drills.duplicated(mails)).isZero();
        Drills.assertPlatformHealthy();
    }
}
