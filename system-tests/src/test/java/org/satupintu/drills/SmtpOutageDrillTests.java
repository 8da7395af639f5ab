package org.satupintu.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.systemtests.RunningPlatform;

/**
 * Drill: the SMTP server is down while submissions come in. In-app notifications keep flowing; every email is
 * delivered, once, after the server is back.
 */
@Tag("drill")
class SmtpOutageDrillTests {

    @Test
    void emailsWaitForTheMailServerAndArriveOnceWhenItReturns() {
        Drills.ensureBenchmarkPermitType();
        Drills.Report report = new Drills.Report("smtp-outage");
        String token = RunningPlatform.token(Drills.APPLICANT);
        Drills.platform().stopMail();
        Instant down = Instant.now();
        SteadyLoad load;
        Duration inboxDuringOutage;
        Map<String, Integer> mailsDuringOutage;
        Instant back;
        try {
            load = SteadyLoad.start(Drills.gateway(), Drills.APPLICANT, Duration.ofSeconds(1), false);
            try {
                Drills.sleep(Duration.ofSeconds(10));
            }
            finally {
                load.close();
            }
            List<String> apps = load.accepted().stream().map(SteadyLoad.Accepted::applicationId).toList();
            inboxDuringOutage = Drills.awaitUntil(Duration.ofSeconds(60),
                    () -> Drills.missing(apps, Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps)) == 0);
            // Let the dispatcher fail a few attempts against the closed port.
            Drills.sleep(Duration.ofSeconds(8));
            mailsDuringOutage = Drills.mailsMentioning(
                    load.accepted().stream().map(SteadyLoad.Accepted::registrationNumber).toList());
        }
        finally {
            Drills.platform().startMail();
            back = Instant.now();
        }
        Duration outage = Duration.between(down, back);
        List<String> apps = load.accepted().stream().map(SteadyLoad.Accepted::applicationId).toList();
        List<String> registrations = load.accepted().stream().map(SteadyLoad.Accepted::registrationNumber).toList();
        Duration converged = Drills.awaitUntil(Duration.ofSeconds(120),
                () -> Drills.missing(registrations, Drills.mailsMentioning(registrations)) == 0);
        Duration recovery = converged == null ? null : Duration.between(back, Instant.now());
        Drills.sleep(Duration.ofSeconds(3));
        Map<String, Integer> mails = Drills.mailsMentioning(registrations);
        Map<String, Integer> inbox = Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps);

        report.put("SMTP down for", outage)
                .put("submissions sent", load.sent())
                .put("submissions accepted (200)", apps.size())
                .put("refused or failed", load.failures())
                .put("in-app notifications complete during the outage after", inboxDuringOutage)
                .put("emails received during the outage", mailsDuringOutage.size())
                .put("emails received", mails.values().stream().mapToInt(Integer::intValue).sum())
                .put("emails lost", Drills.missing(registrations, mails))
                .put("emails duplicated", Drills.duplicated(mails))
                .put("inbox lost", Drills.missing(apps, inbox))
                .put("inbox duplicated", Drills.duplicated(inbox))
                .put("time to recover (SMTP back -> every email delivered)", recovery)
                .write();

        assertThat(apps).hasSizeGreaterThanOrEqualTo(5);
        assertThat(inboxDuringOutage).as("in-app notifications do not wait for SMTP").isNotNull();
        assertThat(mailsDuringOutage).isEmpty();
        assertThat(Drills.missing(registrations, mails)).isZero();
        assertThat(Drills.duplicated(mails)).isZero();
        assertThat(Drills.missing(apps, inbox)).isZero();
        assertThat(Drills.duplicated(inbox)).isZero();
        Drills.assertPlatformHealthy();
    }
}
