package org.satupintu.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.systemtests.RunningPlatform;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Drill: under a steady load of create + upload + submit, notification-service and then document-service are
 * killed with SIGKILL and started again. Every accepted upload is published once and reaches the application's
 * checklist; every accepted submission is notified once.
 */
@Tag("slow-drill")
class ServiceKillsUnderLoadDrillTests {

    @Test
    void killingNotificationThenDocumentServiceLosesAndDuplicatesNothing() {
        Drills.ensureBenchmarkPermitType();
        Drills.Report report = new Drills.Report("kill-notification-and-document-service");
        SteadyLoad load = SteadyLoad.start(Drills.gateway(), Drills.APPLICANT, Duration.ofMillis(700), true);
        Duration notificationRestart;
        Duration documentRestart;
        Instant allBack;
        try {
            Drills.sleep(Duration.ofSeconds(8));
            Drills.platform().kill("notification-service");
            Instant start = Instant.now();
            Drills.platform().restart("notification-service");
            notificationRestart = Duration.between(start, Instant.now());
            Drills.sleep(Duration.ofSeconds(5));
            Drills.platform().kill("document-service");
            start = Instant.now();
            Drills.platform().restart("document-service");
            documentRestart = Duration.between(start, Instant.now());
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
        String token = RunningPlatform.token(Drills.APPLICANT);
        ApiClient gateway = Drills.gateway();
        Duration converged = Drills.awaitUntil(Duration.ofSeconds(240),
                () -> Drills.missing(apps, Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps)) == 0
                        && Drills.missing(registrations, Drills.mailsMentioning(registrations)) == 0
                        && Drills.missing(documents, uploadedEvents(documents)) == 0);
        Duration recovery = converged == null ? null : Duration.between(allBack, Instant.now());
        Drills.sleep(Duration.ofSeconds(3));
        Map<String, Integer> inbox = Drills.inbox(token, EventTypes.APPLICATION_SUBMITTED, apps);
        Map<String, Integer> mails = Drills.mailsMentioning(registrations);
        Map<String, List<String>> submitted = Drills.eventIdsByApplication(Topics.APPLICATION_EVENTS,
                EventTypes.APPLICATION_SUBMITTED, apps);
        Map<String, List<String>> uploaded = uploadedEvents(documents);
        long checklistsMissingTheDocument = accepted.stream().filter(a -> a.documentId() != null)
                .filter(a -> {
                    JsonNode app = gateway.get("/api/applications/" + a.applicationId(), token).json();
                    return app.path("checklist").findValues("documentId").stream()
                            .noneMatch(n -> Objects.equals(n.asString(null), a.documentId()));
                })
                .count();

        report.put("notification-service restart until ready", notificationRestart)
                .put("document-service restart until ready", documentRestart)
                .put("submissions sent", load.sent())
                .put("submissions accepted (200)", apps.size())
                .put("uploads accepted (201)", documents.size())
                .put("refused or failed", load.failures())
                .put("uploaded events lost", Drills.missing(documents, uploaded))
                .put("uploaded events duplicated (second id for one upload)", Drills.duplicatedIds(uploaded))
                .put("uploaded events redelivered (same id again)", Drills.redelivered(uploaded))
                .put("accepted uploads missing from their checklist", checklistsMissingTheDocument)
                .put("submitted events lost", Drills.missing(apps, submitted))
                .put("submitted events duplicated (second id)", Drills.duplicatedIds(submitted))
                .deliveries(apps, inbox, registrations, mails)
                .put("time to recover (document-service ready -> everything delivered)", recovery)
                .write();

        assertThat(documents).isNotEmpty();
        assertThat(Drills.missing(documents, uploaded)).isZero();
        assertThat(Drills.duplicatedIds(uploaded)).isZero();
        assertThat(checklistsMissingTheDocument).isZero();
        assertThat(Drills.missing(apps, submitted)).isZero();
        assertThat(Drills.missing(apps, inbox)).isZero();
        assertThat(Drills.duplicated(inbox)).isZero();
        assertThat(Drills.missing(registrations, mails)).isZero();
        assertThat(Drills.duplicated(mails)).isZero();
        Drills.assertPlatformHealthy();
    }

    private static Map<String, List<String>> uploadedEvents(List<String> documents) {
        java.util.Set<String> wanted = java.util.Set.copyOf(documents);
        return Drills.readTopic(Topics.DOCUMENT_EVENTS).stream()
                .filter(e -> e.type().equals(EventTypes.DOCUMENT_UPLOADED))
                .filter(e -> wanted.contains(e.event().path("data").path("documentId").asString()))
                .collect(java.util.stream.Collectors.groupingBy(
                        e -> e.event().path("data").path("documentId").asString(),
                        java.util.stream.Collectors.mapping(Drills.TopicEvent::id,
                                java.util.stream.Collectors.toList())));
    }
}
