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
 * Drill: notification-service is killed with SIGKILL while submissions keep coming, and started again. Every
 * accepted submission must end up exactly once in the applicant's inbox and mailbox.
 */
@Tag("drill")
class NotificationServiceKillDrillTests {

    @Test
    void killedNotificationServiceLosesAndDuplicatesNothing() {
        Drills.ensureBenchmarkPermitType();
        Drills.Report report = new Drills.Report("kill-notification-service");
        Duration restart;
        SteadyLoad load = SteadyLoad.start(Drills.gateway(), Drills.APPLICANT, Duration.ofMillis(500), false);
        Instant recovered;
        try {
            Drills.sleep(Duration.ofSeconds(6));
            long pid = Drills.platform().service("notification-service").process().pid();
            Drills.platform().kill("notification-service");
            report.put("killed", "notification-service pid " + pid + " with SIGKILL, " + load.sent()
                    + " submissions sent before");
            Instant restartStart = Instant.now();
            Drills.platform().restart("notification-service");
            recovered = Instant.now();
            restart = Duration.between(restartStart, recovered);
            Drills.sleep(Duration.ofSeconds(4));
        }
        finally {
            load.close();
        }
        List<String> apps = load.accepted().stream().map(SteadyLoad.Accepted::applicationId).toList();
        List<String> registrations = load.accepted().stream().map(SteadyLoad.Accepted::registrationNumber).toList();
        String token = RunningPlatform.token(Drills.APPLICANT);
        Duration converged = Drills.awaitUntil(Duration.ofSeconds(180),
                () -> Drills.missing(apps, Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps)) == 0
                        && Drills.missing(registrations, Drills.mailsMentioning(registrations)) == 0);
        Duration recovery = converged == null ? null : Duration.between(recovered, Instant.now());
        Drills.sleep(Duration.ofSeconds(3)); // a late duplicate would show up now
        Map<String, Integer> inbox = Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps);
        Map<String, Integer> mails = Drills.mailsMentioning(registrations);
        Map<String, List<String>> events = Drills.eventIdsByApplication(Topics.APPLICATION_EVENTS,
                EventTypes.APPLICATION_SUBMITTED, apps);

        report.put("submissions sent", load.sent())
                .put("submissions accepted (200)", apps.size())
                .put("refused or failed", load.failures())
                .put("restart until ready", restart)
                .put("submitted events on topic (distinct applications)", events.size())
                .put("events lost", Drills.missing(apps, events))
                .put("events duplicated (second id for one submission)", Drills.duplicatedIds(events))
                .put("events redelivered (same id again)", Drills.redelivered(events))
                .deliveries(apps, inbox, registrations, mails)
                .put("time to recover (restarted service ready -> everything delivered)", recovery)
                .write();

        assertThat(apps).hasSizeGreaterThan(10);
        assertThat(Drills.missing(apps, events)).isZero();
        assertThat(Drills.duplicatedIds(events)).isZero();
        assertThat(Drills.missing(apps, inbox)).isZero();
        assertThat(Drills.duplicated(inbox)).isZero();
        assertThat(Drills.missing(registrations, mails)).isZero();
        assertThat(Drills.duplicated(mails)).isZero();
        Drills.assertPlatformHealthy();
    }
}
