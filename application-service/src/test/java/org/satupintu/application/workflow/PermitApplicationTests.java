package org.satupintu.application.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.satupintu.application.catalog.PermitTypeMother;
import org.satupintu.application.catalog.SlaPolicy;
import org.satupintu.application.domain.DomainException;
import org.satupintu.events.EventTypes;
import org.satupintu.application.domain.InvalidInputException;
import org.satupintu.application.domain.InvalidTransitionException;
import org.satupintu.application.domain.NotPermittedException;
import org.satupintu.application.domain.RuleViolationException;
import org.satupintu.events.DocumentEventData;
import org.satupintu.events.DocumentRemoved;
import org.satupintu.events.DocumentUploaded;
import org.satupintu.support.security.Role;
import org.satupintu.application.sla.WorkingCalendar;

class PermitApplicationTests {

    static final Instant MONDAY = Instant.parse("2026-11-30T01:00:00Z");
    static final WorkingCalendar CALENDAR = new WorkingCalendar(ZoneId.of("Asia/Makassar"), Set.of());

    static final Actor ANI = new Actor("ani-id", "ani", Set.of(Role.APPLICANT), null);
    static final Actor EKO = new Actor("eko-id", "eko", Set.of(Role.APPLICANT), null);
    static final Actor BUDI = new Actor("budi-id", "budi", Set.of(Role.OFFICER), "SULUT-MANADO");
    static final Actor FANI = new Actor("fani-id", "fani", Set.of(Role.OFFICER), "SULUT-MANADO");
    static final Actor CITRA = new Actor("citra-id", "citra", Set.of(Role.SUPERVISOR), "SULUT-MANADO");
    static final Actor DEWI = new Actor("dewi-id", "dewi", Set.of(Role.OFFICER), "SULUT-BITUNG");
    static final Actor MANADO_SYSTEM = new Actor("sys-id", "service-account-office-sulut-manado",
            Set.of(Role.INTEGRATION), "SULUT-MANADO");
    static final Actor ADI = new Actor("adi-id", "adi", Set.of(Role.ADMIN), null);
    static final Actor OLGA = new Actor("olga-id", "olga", Set.of(Role.OPS), null);

    final AtomicInteger sequence = new AtomicInteger();
    final PermitApplication.Numbers numbers = new PermitApplication.Numbers() {
        @Override
        public String registrationNumber(String officeCode, Instant at) {
            return "REG-" + officeCode + "-2026-" + String.format("%06d", sequence.incrementAndGet());
        }

        @Override
        public String permitNumber(String permitTypeCode, String officeCode, Instant at) {
            return permitTypeCode + "-" + officeCode + "-2026-" + String.format("%06d", sequence.incrementAndGet());
        }

        @Override
        public String billingCode(Instant at) {
            return BillingCodes.of(2026, sequence.incrementAndGet());
        }
    };
    static final PermitApplication.Terms TERMS = new PermitApplication.Terms(java.time.Duration.ofDays(30),
            java.time.Duration.ofDays(90));

    static PermitApplication draft() {
        return PermitApplication.create("app-1", PermitTypeMother.pbg(), "SULUT-MANADO",
                new Applicant("ani-id", "Ani", "ani@example.id", "+6281234", "id"), ANI,
                Map.of("siteAddress", "Jl. Sam Ratulangi 1", "floors", 2), MONDAY);
    }

    static DocumentUploaded uploaded(String requirementCode, String documentId) {
        return new DocumentUploaded(document(requirementCode, documentId));
    }

    static DocumentRemoved removed(String requirementCode, String documentId) {
        return new DocumentRemoved(document(requirementCode, documentId));
    }

    private static DocumentEventData document(String requirementCode, String documentId) {
        return new DocumentEventData("app-1", null, "SULUT-MANADO", "PBG", "DRAFT", documentId, requirementCode,
                "UPLOAD", null, null);
    }

    static PermitApplication withDocuments() {
        PermitApplication app = draft();
        app.applyDocumentEvent(uploaded("KTP", "doc-ktp"), MONDAY);
        app.applyDocumentEvent(uploaded("GAMBAR_ARSITEKTUR", "doc-drawing"), MONDAY);
        return app;
    }

    PermitApplication submitted() {
        PermitApplication app = withDocuments();
        app.submit(ANI, MONDAY, numbers, CALENDAR);
        return app;
    }

    PermitApplication underReview() {
        PermitApplication app = submitted();
        app.assign(BUDI, null, MONDAY);
        return app;
    }

    PermitApplication recommended() {
        PermitApplication app = underReview();
        app.recommend(BUDI, "complete", MONDAY);
        return app;
    }

    static List<String> eventTypes(PermitApplication app) {
        return app.outbox().stream().map(OutboxEvent::type).toList();
    }

    @Test
    void createsADraftWithTheChecklistOfItsPermitTypeVersion() {
        PermitApplication app = draft();
        assertThat(app.state()).isEqualTo(ApplicationState.DRAFT);
        assertThat(app.permitTypeVersion()).isEqualTo(3L);
        assertThat(app.checklist()).extracting(ChecklistItem::requirementCode)
                .containsExactly("KTP", "GAMBAR_ARSITEKTUR", "NPWP");
        assertThat(app.checklist()).allMatch(c -> c.documentId() == null);
        assertThat(eventTypes(app)).containsExactly(EventTypes.APPLICATION_CREATED);
        assertThat(app.history()).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo("create");
            assertThat(h.actor()).isEqualTo("ani");
            assertThat(h.role()).isEqualTo("applicant");
        });
    }

    @Test
    void rejectsFormValuesOfTheWrongTypeOrUnknownFields() {
        assertThatThrownBy(() -> PermitApplication.create("x", PermitTypeMother.pbg(), "SULUT-MANADO",
                new Applicant("ani-id", "Ani", null, null, "id"), ANI, Map.of("floors", "two"), MONDAY))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> draft().updateForm(ANI, Map.of("colour", "red"), MONDAY))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("validation-failed"));
        assertThatThrownBy(() -> draft().updateForm(ANI, Map.of("plannedStartDate", "31/12/2026"), MONDAY))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> draft().updateForm(ANI, Map.of("hasBasement", "yes"), MONDAY))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void textOver4000CharactersIsABusinessRuleNamingTheField() {
        assertThatThrownBy(() -> draft().updateForm(ANI, Map.of("siteAddress", "x".repeat(4001)), MONDAY))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.details().get("errors").toString()).contains("form.siteAddress");
                });
    }

    @Test
    void refusesSubmissionWithoutMandatoryDocumentsListingTheirCodes() {
        PermitApplication app = draft();
        assertThatThrownBy(() -> app.submit(ANI, MONDAY, numbers, CALENDAR))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.details().get("missingRequirements"))
                            .isEqualTo(List.of("KTP", "GAMBAR_ARSITEKTUR"));
                });
        assertThat(app.state()).isEqualTo(ApplicationState.DRAFT);
        assertThat(app.registrationNumber()).isNull();
    }

    @Test
    void refusesSubmissionWithMissingRequiredFields() {
        PermitApplication app = withDocuments();
        app.updateForm(ANI, nullValue("floors"), MONDAY);
        assertThatThrownBy(() -> app.submit(ANI, MONDAY, numbers, CALENDAR))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.details().get("errors").toString()).contains("form.floors"));
    }

    @Test
    void firstSubmitAssignsARegistrationNumberAndADueDateInWorkingDays() {
        PermitApplication app = submitted();
        assertThat(app.state()).isEqualTo(ApplicationState.SUBMITTED);
        assertThat(app.registrationNumber()).isEqualTo("REG-SULUT-MANADO-2026-000001");
        // Monday 30 Nov + 5 working days = Monday 7 Dec, end of day in WITA.
        assertThat(app.dueAt()).isEqualTo(Instant.parse("2026-12-07T15:59:59Z"));
        assertThat(eventTypes(app)).endsWith(EventTypes.APPLICATION_SUBMITTED);
    }

    @Test
    void theWholeReviewEndsIssuedWithAPermitNumber() {
        PermitApplication app = recommended();
        app.approve(CITRA, "ok", MONDAY, numbers, TERMS);
        assertThat(app.state()).isEqualTo(ApplicationState.ISSUED);
        assertThat(app.permitNumber()).startsWith("PBG-SULUT-MANADO-2026-");
        assertThat(app.decidedAt()).isEqualTo(MONDAY);
        assertThat(eventTypes(app)).containsExactly(EventTypes.APPLICATION_CREATED,
                EventTypes.APPLICATION_SUBMITTED, EventTypes.APPLICATION_ASSIGNED,
                EventTypes.APPLICATION_RECOMMENDED, EventTypes.APPLICATION_ISSUED);
        assertThat(app.history()).extracting(HistoryEntry::action)
                .containsExactly("create", "submit", "assign", "recommend", "approve");
    }

    @Test
    void revisionPausesTheClockAndResubmissionKeepsTheRegistrationNumber() {
        PermitApplication app = underReview();
        String registration = app.registrationNumber();
        // Two working days later (Wednesday) the officer sends it back: 3 working days were left.
        Instant wednesday = Instant.parse("2026-12-02T01:00:00Z");
        app.requestRevision(BUDI, "KTP unreadable", wednesday, CALENDAR);
        assertThat(app.state()).isEqualTo(ApplicationState.REVISION_REQUESTED);
        assertThat(app.isOverdue(Instant.parse("2027-01-30T00:00:00Z"))).isFalse();
        app.updateForm(ANI, Map.of("floors", 3), wednesday);
        // The applicant answers a week later, on Wednesday 9 Dec: 3 working days left -> Monday 14 Dec.
        Instant nextWednesday = Instant.parse("2026-12-09T01:00:00Z");
        app.submit(ANI, nextWednesday, numbers, CALENDAR);
        assertThat(app.registrationNumber()).isEqualTo(registration);
        assertThat(app.dueAt()).isEqualTo(Instant.parse("2026-12-14T15:59:59Z"));
        assertThat(app.history()).extracting(HistoryEntry::action).contains("request-revision", "edit", "resubmit");
    }

    @Test
    void illegalTransitionsAreRefusedAsInvalidTransitions() {
        assertInvalid(() -> draft().assign(BUDI, null, MONDAY));
        assertInvalid(() -> draft().recommend(BUDI, null, MONDAY));
        assertInvalid(() -> submitted().recommend(BUDI, null, MONDAY));
        assertInvalid(() -> submitted().approve(CITRA, null, MONDAY, numbers, TERMS));
        assertInvalid(() -> underReview().approve(CITRA, null, MONDAY, numbers, TERMS));
        assertInvalid(() -> submitted().updateForm(ANI, Map.of("floors", 1), MONDAY));
        assertInvalid(() -> submitted().submit(ANI, MONDAY, numbers, CALENDAR));
        assertInvalid(() -> submitted().reject(CITRA, "no", MONDAY));
        assertInvalid(() -> draft().requestRevision(CITRA, "no", MONDAY, CALENDAR));
        PermitApplication issued = recommended();
        issued.approve(CITRA, null, MONDAY, numbers, TERMS);
        assertInvalid(() -> issued.withdraw(ANI, null, MONDAY));
        assertInvalid(() -> issued.reject(CITRA, "late", MONDAY));
        PermitApplication withdrawn = draft();
        withdrawn.withdraw(ANI, null, MONDAY);
        assertInvalid(() -> withdrawn.submit(ANI, MONDAY, numbers, CALENDAR));
    }

    @Test
    void rolesThatMayNotActAreForbidden() {
        assertForbidden(() -> submitted().assign(ANI, null, MONDAY));
        assertForbidden(() -> submitted().assign(BUDI, "fani", MONDAY));
        assertForbidden(() -> underReview().recommend(FANI, null, MONDAY));
        assertForbidden(() -> underReview().recommend(CITRA, null, MONDAY));
        assertForbidden(() -> recommended().approve(BUDI, null, MONDAY, numbers, TERMS));
        assertForbidden(() -> recommended().reject(BUDI, "no", MONDAY));
        assertForbidden(() -> withDocuments().submit(EKO, MONDAY, numbers, CALENDAR));
        assertForbidden(() -> draft().updateForm(BUDI, Map.of("floors", 1), MONDAY));
        assertForbidden(() -> draft().withdraw(CITRA, null, MONDAY));
        assertForbidden(() -> recommended().approve(new Actor("x", "x", Set.of(Role.SUPERVISOR), "SULUT-BITUNG"), null,
                MONDAY, numbers, TERMS));
    }

    @Test
    void supervisorsAssignAnyoneAndMayReassign() {
        PermitApplication app = submitted();
        app.assign(CITRA, "fani", MONDAY);
        assertThat(app.assignee()).isEqualTo("fani");
        app.assign(CITRA, "budi", MONDAY);
        assertThat(app.assignee()).isEqualTo("budi");
        app.recommend(BUDI, null, MONDAY);
        assertThat(app.state()).isEqualTo(ApplicationState.RECOMMENDED);
    }

    @Test
    void supervisorsMaySendARecommendationBackOrRejectIt() {
        PermitApplication back = recommended();
        back.requestRevision(CITRA, "missing stamp", MONDAY, CALENDAR);
        assertThat(back.state()).isEqualTo(ApplicationState.REVISION_REQUESTED);
        PermitApplication rejected = recommended();
        rejected.reject(CITRA, "zoning", MONDAY);
        assertThat(rejected.state()).isEqualTo(ApplicationState.REJECTED);
        assertThat(rejected.decidedAt()).isEqualTo(MONDAY);
    }

    @Test
    void applicantsWithdrawAtAnyStateBeforeADecision() {
        for (PermitApplication app : List.of(draft(), submitted(), underReview(), recommended())) {
            app.withdraw(ANI, "changed my mind", MONDAY);
            assertThat(app.state()).isEqualTo(ApplicationState.WITHDRAWN);
            assertThat(eventTypes(app)).endsWith(EventTypes.APPLICATION_WITHDRAWN);
        }
    }

    @Test
    void visibilityFollowsOwnershipAndOffice() {
        PermitApplication app = draft();
        assertThat(app.visibleTo(ANI)).isTrue();
        assertThat(app.visibleTo(EKO)).isFalse();
        assertThat(app.visibleTo(BUDI)).isTrue();
        assertThat(app.visibleTo(CITRA)).isTrue();
        assertThat(app.visibleTo(DEWI)).isFalse();
        assertThat(app.visibleTo(MANADO_SYSTEM)).isTrue();
        assertThat(app.visibleTo(new Actor("s", "s", Set.of(Role.INTEGRATION), "SULUT-BITUNG"))).isFalse();
        assertThat(app.visibleTo(ADI)).isTrue();
        assertThat(app.visibleTo(OLGA)).isFalse();
    }

    @Test
    void anOfficeSystemActsForTheWalkInApplicantItFiledFor() {
        PermitApplication app = PermitApplication.create("app-2", PermitTypeMother.pbg(), "SULUT-MANADO",
                new Applicant("walk-in:1", "Pak Joni", null, "+628111", "id"), MANADO_SYSTEM,
                Map.of("siteAddress", "Bahu", "floors", 1), MONDAY);
        app.applyDocumentEvent(uploaded("KTP", "d1"), MONDAY);
        app.applyDocumentEvent(uploaded("GAMBAR_ARSITEKTUR", "d2"), MONDAY);
        app.submit(MANADO_SYSTEM, MONDAY, numbers, CALENDAR);
        assertThat(app.state()).isEqualTo(ApplicationState.SUBMITTED);
        assertThat(app.filedBy()).isEqualTo("service-account-office-sulut-manado");
    }

    @Test
    void documentEventsAreAppliedOnceAndRemovalsClearOnlyTheirDocument() {
        PermitApplication app = draft();
        assertThat(app.applyDocumentEvent(uploaded("KTP", "d1"), MONDAY)).isTrue();
        assertThat(app.applyDocumentEvent(uploaded("KTP", "d1"), MONDAY)).isFalse();
        app.applyDocumentEvent(uploaded("KTP", "d2"), MONDAY);
        app.applyDocumentEvent(removed("KTP", "d1"), MONDAY);
        assertThat(app.checklist().get(0).documentId()).isEqualTo("d2");
        app.applyDocumentEvent(removed("KTP", "d2"), MONDAY);
        assertThat(app.checklist().get(0).documentId()).isNull();
    }

    @Test
    void slaBreachIsMarkedOnceAndOnlyWhileTheOfficeHoldsTheFile() {
        PermitApplication app = underReview();
        Instant late = app.dueAt().plusSeconds(60);
        assertThat(app.markSlaBreached(app.dueAt().minusSeconds(60), numbers, TERMS)).isFalse();
        assertThat(app.markSlaBreached(late, numbers, TERMS)).isTrue();
        assertThat(app.markSlaBreached(late.plusSeconds(60), numbers, TERMS)).isFalse();
        assertThat(eventTypes(app)).containsOnlyOnce(EventTypes.APPLICATION_SLA_BREACHED);
        assertThat(app.state()).isEqualTo(ApplicationState.UNDER_REVIEW);
        assertThat(app.isOverdue(late)).isTrue();
        PermitApplication paused = underReview();
        paused.requestRevision(BUDI, "fix", MONDAY, CALENDAR);
        assertThat(paused.markSlaBreached(Instant.parse("2027-06-01T00:00:00Z"), numbers, TERMS)).isFalse();
    }

    @Test
    void fiktifPositifIssuesThePermitWhenTheSlaPasses() {
        PermitApplication app = PermitApplication.create("app-3", PermitTypeMother.pbg(SlaPolicy.AUTO_ISSUE, 3),
                "SULUT-MANADO", new Applicant("ani-id", "Ani", null, null, "id"), ANI,
                Map.of("siteAddress", "x", "floors", 1), MONDAY);
        app.applyDocumentEvent(uploaded("KTP", "d1"), MONDAY);
        app.applyDocumentEvent(uploaded("GAMBAR_ARSITEKTUR", "d2"), MONDAY);
        app.submit(ANI, MONDAY, numbers, CALENDAR);
        assertThat(app.markSlaBreached(app.dueAt().plusSeconds(1), numbers, TERMS)).isTrue();
        assertThat(app.state()).isEqualTo(ApplicationState.ISSUED);
        assertThat(app.permitNumber()).isNotNull();
        assertThat(app.history()).last().satisfies(h -> {
            assertThat(h.actor()).isEqualTo("system");
            assertThat(h.action()).isEqualTo("auto-issue");
        });
        assertThat(eventTypes(app)).endsWith(EventTypes.APPLICATION_SLA_BREACHED, EventTypes.APPLICATION_ISSUED);
    }

    private static Map<String, Object> nullValue(String key) {
        Map<String, Object> map = new java.util.HashMap<>();
        map.put(key, null);
        return map;
    }

    private static void assertInvalid(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOf(InvalidTransitionException.class)
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo("invalid-transition"));
    }

    private static void assertForbidden(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOf(NotPermittedException.class);
    }


    /** Issue #12: an officer's recommendation note is internal; the applicant sees the action and the reasons. */
    @Test
    void theApplicantSeesEveryActionButOnlyTheCommentsMeantForThem() {
        PermitApplication app = withDocuments();
        app.submit(ANI, MONDAY, numbers, CALENDAR);
        app.assign(BUDI, null, MONDAY);
        app.requestRevision(BUDI, "KTP tidak terbaca", MONDAY, CALENDAR);
        app.submit(ANI, MONDAY, numbers, CALENDAR);
        app.assign(BUDI, null, MONDAY);
        app.recommend(BUDI, "catatan internal: pemohon kenalan kepala dinas", MONDAY);
        app.approve(CITRA, "ok", MONDAY, numbers, TERMS);

        List<HistoryEntry> forAni = app.historyFor(ANI);
        assertThat(forAni).extracting(HistoryEntry::action).containsExactlyElementsOf(
                app.history().stream().map(HistoryEntry::action).toList());
        assertThat(forAni).filteredOn(h -> h.action().equals("recommend")).extracting(HistoryEntry::comment)
                .containsOnlyNulls();
        assertThat(forAni).filteredOn(h -> h.action().equals("approve")).extracting(HistoryEntry::comment)
                .containsOnlyNulls();
        assertThat(forAni).filteredOn(h -> h.action().equals("request-revision")).extracting(HistoryEntry::comment)
                .containsExactly("KTP tidak terbaca");
        assertThat(app.historyFor(CITRA)).filteredOn(h -> h.action().equals("recommend"))
                .extracting(HistoryEntry::comment).containsExactly("catatan internal: pemohon kenalan kepala dinas");
        assertThat(app.historyFor(DEWI)).filteredOn(h -> h.action().equals("recommend"))
                .extracting(HistoryEntry::comment).containsOnlyNulls();
    }
}
