package org.satupintu.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.satupintu.events.ApplicationEventData;
import org.satupintu.events.CloudEvent;
import org.satupintu.events.EventTypes;
import tools.jackson.databind.json.JsonMapper;

/** Object Mother of CloudEvents as application-service and document-service publish them. */
public final class EventMother {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventMother() {
    }

    /** An application with its applicant, as the events carry it. */
    public record App(String id, String registrationNumber, String officeCode, String applicantId, String email,
            String phone, String locale) {

        public static App forApplicant(String applicantId, String locale) {
            String id = UUID.randomUUID().toString();
            return new App(id, "REG-SULUT-MANADO-2026-" + id.substring(0, 6), "SULUT-MANADO", applicantId,
                    "applicant-" + id.substring(0, 8) + "@example.id", "0812-3456-7890", locale);
        }

        public App inOffice(String office) {
            return new App(id, registrationNumber.replace("SULUT-MANADO", office), office, applicantId, email, phone,
                    locale);
        }
    }

    public static String applicationEvent(App app, String type, String state, String comment, String permitNumber) {
        return applicationEvent(UUID.randomUUID().toString(), app, type, state, comment, permitNumber);
    }

    public static String applicationEvent(String eventId, App app, String type, String state, String comment,
            String permitNumber) {
        ApplicationEventData data = new ApplicationEventData(app.id(), app.registrationNumber(), app.officeCode(),
                "PBG", state, app.applicantId(), "Ani Lestari", app.email(), app.phone(), app.locale(), "budi", "budi",
                comment, permitNumber, null, null, null, null, null);
        return JSON.writeValueAsString(new CloudEvent<>(CloudEvent.SPEC_VERSION, eventId,
                "/satupintu/application-service", type, app.id(), java.time.Instant.now(), CloudEvent.JSON, data));
    }

    /** A lifecycle event of a permit with a billed levy (REKLAME, Rp 1.500.000, due 30 Dec 2026 10:00 WITA). */
    public static String withLevy(App app, String type, String state, String comment, String permitNumber,
            Integer daysBefore) {
        java.time.Instant due = java.time.Instant.parse("2026-12-30T02:00:00Z");
        ApplicationEventData data = new ApplicationEventData(app.id(), app.registrationNumber(), app.officeCode(),
                "REKLAME", state, app.applicantId(), "Ani Lestari", app.email(), app.phone(), app.locale(), "budi",
                "citra", comment, permitNumber, new org.satupintu.events.LevyData(1_500_000L, "Tarif tetap",
                        "2600000000017", due, null, null),
                java.time.Instant.parse("2027-12-01T02:00:00Z"), null,
                EventTypes.APPLICATION_REVOKED.equals(type) ? java.time.Instant.now() : null, daysBefore);
        return JSON.writeValueAsString(new CloudEvent<>(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
                "/satupintu/application-service", type, app.id(), java.time.Instant.now(), CloudEvent.JSON, data));
    }

    public static String submitted(App app) {
        return applicationEvent(app, EventTypes.APPLICATION_SUBMITTED, "SUBMITTED", null, null);
    }

    public static String certificateGenerated(App app, String permitNumber) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("applicationId", app.id());
        data.put("registrationNumber", app.registrationNumber());
        data.put("officeCode", app.officeCode());
        data.put("permitTypeCode", "PBG");
        data.put("state", "ISSUED");
        data.put("documentId", "doc-" + UUID.randomUUID());
        data.put("requirementCode", "CERTIFICATE");
        data.put("kind", "CERTIFICATE");
        data.put("permitNumber", permitNumber);
        return JSON.writeValueAsString(new CloudEvent<>(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
                "/satupintu/document-service", EventTypes.CERTIFICATE_GENERATED, app.id(), java.time.Instant.now(),
                CloudEvent.JSON, data));
    }

    public static String idOf(String event) {
        return JSON.readTree(event).path("id").asString();
    }
}
