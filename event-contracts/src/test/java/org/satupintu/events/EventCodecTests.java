package org.satupintu.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventCodecTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final EventCodec CODEC = new EventCodec(JSON);
    static final Instant AT = Instant.parse("2026-11-30T02:00:00Z");
    static final ApplicationEventData APPLICATION = new ApplicationEventData("app-1", "REG-SULUT-MANADO-2026-000001",
            "SULUT-MANADO", "PBG", "SUBMITTED", "ani-id", "Ani", "ani@example.id", "+6281234", "id", null, "ani", null,
            null, null, null, null, null, null);
    /** An application with every lifecycle field filled: a billed and paid levy, a validity, a renewal, a reminder. */
    static final ApplicationEventData LIFECYCLE = new ApplicationEventData("app-1", "REG-SULUT-MANADO-2026-000001",
            "SULUT-MANADO", "REKLAME", "ISSUED", "ani-id", "Ani", "ani@example.id", "+6281234", "id", null, "system",
            "izin dicabut", "REKLAME-SULUT-MANADO-2026-000001",
            new LevyData(1_500_000L, "Tarif tetap", "2600000000017", AT.plusSeconds(86_400 * 30), AT, "BSG-1"),
            AT.plusSeconds(86_400 * 365), "app-0", AT, 7);
    static final DocumentEventData DOCUMENT = new DocumentEventData("app-1", null, "SULUT-MANADO", "PBG", "DRAFT",
            "doc-1", "KTP", "UPLOAD", "ab12", null);

    @Test
    void everyContractTypeHasExactlyOneRecordAndBack() {
        List<SatuPintuEvent> events = List.of(new ApplicationCreated(APPLICATION), new ApplicationSubmitted(APPLICATION),
                new ApplicationAssigned(APPLICATION), new RevisionRequested(APPLICATION),
                new ApplicationRecommended(APPLICATION), new PermitIssued(APPLICATION),
                new ApplicationRejected(APPLICATION), new ApplicationWithdrawn(APPLICATION),
                new SlaBreached(APPLICATION), new LevyAssessed(LIFECYCLE), new ApplicationApproved(LIFECYCLE),
                new PaymentDue(LIFECYCLE), new LevyPaid(LIFECYCLE), new PermitExpiring(LIFECYCLE),
                new PermitRevoked(LIFECYCLE), new RenewalStarted(LIFECYCLE), new DocumentUploaded(DOCUMENT), new DocumentRemoved(DOCUMENT),
                new CertificateGenerated(DOCUMENT), new DeliveryFailed(new DeliveryFailedData("d-1", "EMAIL",
                        "ani@example.id", null, "e-1", EventTypes.APPLICATION_SUBMITTED, "app-1", null,
                        "SULUT-MANADO", 5, "550 no such user", null, AT)));
        assertThat(events.stream().map(EventCodec::typeOf).toList())
                .containsExactlyInAnyOrderElementsOf(EventTypes.all());
        for (SatuPintuEvent event : events) {
            String wire = CODEC.encode("e-" + EventCodec.typeOf(event), "/test", AT, event);
            CloudEvent<SatuPintuEvent> back = CODEC.decode(wire).orElseThrow();
            assertThat(back.data()).isEqualTo(event);
            assertThat(back.type()).isEqualTo(EventCodec.typeOf(event));
            assertThat(back.subject()).isEqualTo("app-1");
            assertThat(EventTypes.topicOf(back.type())).isPresent();
        }
    }

    /** The typed records travel exactly as the payload records did: the envelope with the payload as data. */
    @Test
    void theWireFormIsTheEnvelopeWithThePayload() {
        String typed = CODEC.encode("e-1", "/satupintu/application-service", AT, new ApplicationSubmitted(APPLICATION));
        String before = JSON.writeValueAsString(new CloudEvent<>(CloudEvent.SPEC_VERSION, "e-1",
                "/satupintu/application-service", EventTypes.APPLICATION_SUBMITTED, "app-1", AT, CloudEvent.JSON,
                APPLICATION));
        assertThat(JSON.readTree(typed)).isEqualTo(JSON.readTree(before));
        JsonNode tree = JSON.readTree(typed);
        assertThat(tree.path("type").asString()).isEqualTo("satupintu.application.submitted.v1");
        assertThat(tree.path("data").path("applicantEmail").asString()).isEqualTo("ani@example.id");
        assertThat(typed).doesNotContain("org.satupintu");
    }

    @Test
    void lifecycleFieldsTravelAsPlainJson() {
        JsonNode data = JSON.readTree(CODEC.encode("e-1", "/satupintu/application-service", AT,
                new ApplicationApproved(LIFECYCLE))).path("data");
        assertThat(data.path("levy").path("amountIdr").asLong()).isEqualTo(1_500_000L);
        assertThat(data.path("levy").path("billingCode").asString()).isEqualTo("2600000000017");
        assertThat(data.path("levy").path("dueAt").asString()).isEqualTo("2026-12-30T02:00:00Z");
        assertThat(data.path("validUntil").asString()).isEqualTo("2027-11-30T02:00:00Z");
        assertThat(data.path("reminderDaysBefore").asInt()).isEqualTo(7);
    }

    @Test
    void unknownTypesAndUnknownFieldsAreIgnored() {
        assertThat(CODEC.decode("""
                {"specversion":"1.0","id":"x","source":"/other","type":"satupintu.application.submitted.v9",
                 "time":"2026-11-30T02:00:00Z","data":{}}""")).isEmpty();
        var decoded = CODEC.decode("""
                {"specversion":"1.0","id":"x","source":"/s","type":"satupintu.document.removed.v1","subject":"app-1",
                 "time":"2026-11-30T02:00:00Z","extension":"later","data":{"applicationId":"app-1",
                 "officeCode":"SULUT-MANADO","documentId":"doc-1","requirementCode":"KTP","newField":1}}""");
        assertThat(decoded).get().extracting(CloudEvent::data).isInstanceOf(DocumentRemoved.class);
        assertThat(CODEC.decode("""
                {"id":"x","source":"/s","type":"satupintu.document.removed.v1","time":"2026-11-30T02:00:00Z",
                 "data":{"applicationId":"app-1","documentId":"doc-1"}}""", ApplicationEvent.class)).isEmpty();
    }

    @Test
    void whatIsNotAUsableEventIsRefused() {
        assertThatThrownBy(() -> CODEC.decode("not json")).isInstanceOf(EventFormatException.class);
        assertThatThrownBy(() -> CODEC.decode("[1,2]")).isInstanceOf(EventFormatException.class);
        assertThatThrownBy(() -> CODEC.decode("""
                {"id":"x","source":"/s","type":"satupintu.application.issued.v1","time":"yesterday","data":{}}"""))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("time");
        assertThatThrownBy(() -> CODEC.decode("""
                {"id":"x","source":"/s","type":"satupintu.application.issued.v1","time":"2026-11-30T02:00:00Z",
                 "data":{"applicationId":"app-1"}}""")).isInstanceOf(EventFormatException.class);
        assertThatThrownBy(() -> CODEC.decode("""
                {"source":"/s","type":"satupintu.application.issued.v1","time":"2026-11-30T02:00:00Z","data":{}}"""))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("id");
    }

    @Test
    void aConsumerTrustsOnlyTheTopicsOwnerAndTheTopicsTypes() {
        String issued = CODEC.encode("e-1", EventSources.APPLICATION_SERVICE, AT, new PermitIssued(APPLICATION));
        assertThat(CODEC.decodeFrom(Topics.APPLICATION_EVENTS, issued, ApplicationEvent.class)).isPresent();

        String forged = CODEC.encode("e-2", "/mallory", AT, new PermitIssued(APPLICATION));
        assertThatThrownBy(() -> CODEC.decodeFrom(Topics.APPLICATION_EVENTS, forged, ApplicationEvent.class))
                .isInstanceOf(UntrustedEventException.class).hasMessageContaining("/mallory");
        // document-service's own source does not make an application event believable either
        String fromDocuments = CODEC.encode("e-3", EventSources.DOCUMENT_SERVICE, AT, new PermitIssued(APPLICATION));
        assertThatThrownBy(() -> CODEC.decodeFrom(Topics.APPLICATION_EVENTS, fromDocuments, ApplicationEvent.class))
                .isInstanceOf(UntrustedEventException.class);
        // the right source, but a type of another topic
        String misplaced = CODEC.encode("e-4", EventSources.APPLICATION_SERVICE, AT, new DocumentUploaded(DOCUMENT));
        assertThatThrownBy(() -> CODEC.decodeFrom(Topics.APPLICATION_EVENTS, misplaced, SatuPintuEvent.class))
                .isInstanceOf(UntrustedEventException.class).hasMessageContaining("does not belong");
        // refusals are format errors: the listeners' error handler dead-letters them without retrying
        assertThat(new UntrustedEventException("x")).isInstanceOf(EventFormatException.class);
    }

    @Test
    void theWalkInApplicantIdFormIsPartOfTheContract() {
        String id = WalkIn.newApplicantId();
        assertThat(id).startsWith("walk-in:");
        assertThat(WalkIn.isWalkIn(id)).isTrue();
        assertThat(WalkIn.isWalkIn("3f2a-keycloak-subject")).isFalse();
        assertThat(ApplicationStates.isEditableByApplicant(ApplicationStates.REVISION_REQUESTED)).isTrue();
        assertThat(ApplicationStates.isEditableByApplicant(ApplicationStates.SUBMITTED)).isFalse();
    }
}
