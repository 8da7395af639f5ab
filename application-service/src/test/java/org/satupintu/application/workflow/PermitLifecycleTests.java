package org.satupintu.application.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.satupintu.application.workflow.PermitApplicationTests.ADI;
import static org.satupintu.application.workflow.PermitApplicationTests.ANI;
import static org.satupintu.application.workflow.PermitApplicationTests.BUDI;
import static org.satupintu.application.workflow.PermitApplicationTests.CALENDAR;
import static org.satupintu.application.workflow.PermitApplicationTests.CITRA;
import static org.satupintu.application.workflow.PermitApplicationTests.EKO;
import static org.satupintu.application.workflow.PermitApplicationTests.FANI;
import static org.satupintu.application.workflow.PermitApplicationTests.MANADO_SYSTEM;
import static org.satupintu.application.workflow.PermitApplicationTests.MONDAY;
import static org.satupintu.application.workflow.PermitApplicationTests.TERMS;
import static org.satupintu.application.workflow.PermitApplicationTests.eventTypes;
import static org.satupintu.application.workflow.PermitApplicationTests.uploaded;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.satupintu.application.catalog.PermitType;
import org.satupintu.application.catalog.PermitTypeMother;
import org.satupintu.application.catalog.SlaPolicy;
import org.satupintu.application.domain.DomainException;
import org.satupintu.application.domain.RuleViolationException;
import org.satupintu.events.EventTypes;
import org.satupintu.support.security.Role;

/** The permit's life after review: levies, payment, validity and reminders, renewal, revocation. */
class PermitLifecycleTests {

    static final Actor BITUNG_SYSTEM = new Actor("sys-b", "service-account-office-sulut-bitung",
            Set.of(Role.INTEGRATION), "SULUT-BITUNG");
    static final Actor FAJAR = new Actor("fajar-id", "fajar", Set.of(Role.SUPERVISOR), "SULUT-BITUNG");

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

    PermitApplication underReview(PermitType type) {
        PermitApplication app = PermitApplication.create("app-1", type, "SULUT-MANADO",
                new Applicant("ani-id", "Ani", "ani@example.id", "+6281234", "id"), ANI,
                Map.of("siteAddress", "Jl. Sam Ratulangi 1", "floors", 2), MONDAY);
        app.applyDocumentEvent(uploaded("KTP", "doc-ktp"), MONDAY);
        app.applyDocumentEvent(uploaded("GAMBAR_ARSITEKTUR", "doc-drawing"), MONDAY);
        app.submit(ANI, MONDAY, numbers, CALENDAR);
        app.assign(BUDI, null, MONDAY);
        return app;
    }

    PermitApplication awaitingPayment() {
        PermitApplication app = underReview(PermitTypeMother.pbgAssessed());
        app.assessLevy(BUDI, 12_450_000, "120 m² × Rp 1.037.500 (SHST × indeks)", MONDAY);
        app.recommend(BUDI, "ok", MONDAY);
        app.approve(CITRA, "ok", MONDAY, numbers, TERMS);
        return app;
    }

    PermitApplication issuedReklame() {
        PermitApplication app = underReview(PermitTypeMother.reklame(1_500_000));
        app.recommend(BUDI, "ok", MONDAY);
        app.approve(CITRA, "ok", MONDAY, numbers, TERMS);
        pay(app, MANADO_SYSTEM, "BSG-1");
        return app;
    }

    boolean pay(PermitApplication app, Actor who, String reference) {
        ApplicationLevy levy = java.util.Objects.requireNonNull(app.levy());
        return app.confirmPayment(who, new PermitApplication.Payment(java.util.Objects.requireNonNull(
                levy.billingCode()), levy.amountIdr(), MONDAY, reference), MONDAY, numbers);
    }

    static String code(Runnable action) {
        try {
            action.run();
        }
        catch (DomainException e) {
            return e.getClass().getSimpleName() + ":" + e.code();
        }
        throw new AssertionError("the action was allowed");
    }

    // ---- levy assessment ---------------------------------------------------------------------------------------

    @Test
    void theAssignedOfficerAssessesTheLevyAndOnlyThenRecommends() {
        PermitApplication app = underReview(PermitTypeMother.pbgAssessed());
        assertThat(code(() -> app.recommend(BUDI, "ok", MONDAY))).isEqualTo("RuleViolationException:levy-not-assessed");
        app.assessLevy(BUDI, 12_450_000, "120 m² × indeks", MONDAY);
        assertThat(app.levy()).satisfies(l -> {
            assertThat(l.amountIdr()).isEqualTo(12_450_000);
            assertThat(l.assessedBy()).isEqualTo("budi");
            assertThat(l.billingCode()).isNull();
        });
        assertThat(eventTypes(app)).endsWith(EventTypes.APPLICATION_LEVY_ASSESSED);
        assertThat(app.history()).last().extracting(HistoryEntry::action).isEqualTo("assess-levy");
        app.recommend(BUDI, "ok", MONDAY);
        assertThat(app.state()).isEqualTo(ApplicationState.RECOMMENDED);
    }

    @Test
    void levyAssessmentIsRefusedToOthersInOtherStatesAndForOtherTypes() {
        assertThat(code(() -> underReview(PermitTypeMother.pbgAssessed()).assessLevy(FANI, 1, "x", MONDAY)))
                .isEqualTo("NotPermittedException:forbidden");
        assertThat(code(() -> underReview(PermitTypeMother.pbgAssessed()).assessLevy(CITRA, 1, "x", MONDAY)))
                .isEqualTo("NotPermittedException:forbidden");
        assertThat(code(() -> awaitingPayment().assessLevy(BUDI, 1, "x", MONDAY)))
                .isEqualTo("InvalidTransitionException:invalid-transition");
        assertThat(code(() -> underReview(PermitTypeMother.reklame(1_500_000)).assessLevy(BUDI, 1, "x", MONDAY)))
                .isEqualTo("RuleViolationException:levy-not-assessable");
    }

    @Test
    void levyAmountsAndBasisAreBounded() {
        PermitApplication app = underReview(PermitTypeMother.pbgAssessed());
        for (long bad : new long[] {0, -5, 1_000_000_000_001L, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> app.assessLevy(BUDI, bad, "basis", MONDAY))
                    .isInstanceOfSatisfying(RuleViolationException.class,
                            e -> assertThat(e.details().get("errors").toString()).contains("amountIdr"));
        }
        assertThatThrownBy(() -> app.assessLevy(BUDI, 10, "x".repeat(2001), MONDAY))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.details().get("errors").toString()).contains("basis"));
        assertThatThrownBy(() -> app.assessLevy(BUDI, 10, " ", MONDAY)).isInstanceOf(RuleViolationException.class);
        assertThat(app.levy()).isNull();
        assertThat(eventTypes(app)).doesNotContain(EventTypes.APPLICATION_LEVY_ASSESSED);
    }

    // ---- approval and payment ----------------------------------------------------------------------------------

    @Test
    void approvalWithALevyBillsItAndAwaitsPayment() {
        PermitApplication app = awaitingPayment();
        assertThat(app.state()).isEqualTo(ApplicationState.AWAITING_PAYMENT);
        assertThat(app.permitNumber()).isNull();
        assertThat(app.decidedAt()).isEqualTo(MONDAY);
        ApplicationLevy levy = java.util.Objects.requireNonNull(app.levy());
        assertThat(levy.billingCode()).matches("[0-9]{13}");
        assertThat(BillingCodes.valid(levy.billingCode())).isTrue();
        assertThat(levy.dueAt()).isEqualTo(MONDAY.plus(Duration.ofDays(30)));
        assertThat(eventTypes(app)).endsWith(EventTypes.APPLICATION_APPROVED);
        // The office decided: the SLA clock stopped and the file is not overdue, however long the payment takes.
        assertThat(app.state().officeHolds()).isFalse();
        assertThat(app.isOverdue(MONDAY.plus(Duration.ofDays(200)))).isFalse();
    }

    @Test
    void aPaymentByTheOfficesSystemIssuesThePermitOnceByReference() {
        PermitApplication app = awaitingPayment();
        assertThat(pay(app, MANADO_SYSTEM, "BSG-20261130-0001")).isTrue();
        assertThat(app.state()).isEqualTo(ApplicationState.ISSUED);
        assertThat(app.permitNumber()).startsWith("PBG-SULUT-MANADO-2026-");
        assertThat(app.levy().paymentReference()).isEqualTo("BSG-20261130-0001");
        assertThat(app.validUntil()).isNull();
        assertThat(eventTypes(app)).endsWith(EventTypes.APPLICATION_LEVY_PAID, EventTypes.APPLICATION_ISSUED);
        int events = app.outbox().size();
        int entries = app.history().size();
        assertThat(pay(app, MANADO_SYSTEM, "BSG-20261130-0001")).isFalse();
        assertThat(app.outbox()).hasSize(events);
        assertThat(app.history()).hasSize(entries);
        assertThat(code(() -> pay(app, MANADO_SYSTEM, "BSG-other")))
                .isEqualTo("InvalidTransitionException:invalid-transition");
    }

    @Test
    void aPaymentWithAWrongCodeOrAmountOrByAnotherCallerIsRefused() {
        PermitApplication app = awaitingPayment();
        String billed = app.levy().billingCode();
        long amount = app.levy().amountIdr();
        String otherValid = BillingCodes.of(2026, 999);
        String wrongCheck = billed.substring(0, 12) + ((billed.charAt(12) - '0' + 1) % 10);
        assertThat(code(() -> app.confirmPayment(MANADO_SYSTEM, new PermitApplication.Payment(otherValid, amount,
                MONDAY, "r"), MONDAY, numbers))).isEqualTo("RuleViolationException:billing-code-mismatch");
        assertThat(code(() -> app.confirmPayment(MANADO_SYSTEM, new PermitApplication.Payment(wrongCheck, amount,
                MONDAY, "r"), MONDAY, numbers))).isEqualTo("RuleViolationException:invalid-payment");
        assertThat(code(() -> app.confirmPayment(MANADO_SYSTEM, new PermitApplication.Payment(billed, amount - 1,
                MONDAY, "r"), MONDAY, numbers))).isEqualTo("RuleViolationException:amount-mismatch");
        assertThat(code(() -> app.confirmPayment(MANADO_SYSTEM, new PermitApplication.Payment(billed, -1,
                MONDAY, "r"), MONDAY, numbers))).isEqualTo("RuleViolationException:invalid-payment");
        assertThat(code(() -> app.confirmPayment(MANADO_SYSTEM, new PermitApplication.Payment(billed, amount,
                MONDAY.plus(Duration.ofDays(2)), "r"), MONDAY, numbers))).isEqualTo("RuleViolationException:invalid-payment");
        assertThat(code(() -> pay(app, BITUNG_SYSTEM, "r"))).isEqualTo("NotPermittedException:forbidden");
        assertThat(code(() -> pay(app, CITRA, "r"))).isEqualTo("NotPermittedException:forbidden");
        assertThat(code(() -> pay(app, ANI, "r"))).isEqualTo("NotPermittedException:forbidden");
        assertThat(app.state()).isEqualTo(ApplicationState.AWAITING_PAYMENT);
        assertThat(eventTypes(app)).endsWith(EventTypes.APPLICATION_APPROVED);
    }

    @Test
    void aPaymentIsOnlyForAnApplicationAwaitingOne() {
        PermitApplication app = underReview(PermitTypeMother.reklame(1_500_000));
        assertThat(code(() -> app.confirmPayment(MANADO_SYSTEM, new PermitApplication.Payment(
                BillingCodes.of(2026, 1), 1_500_000, MONDAY, "r"), MONDAY, numbers)))
                .isEqualTo("InvalidTransitionException:invalid-transition");
    }

    @Test
    void withoutALevyApprovalIssuesAtOnce() {
        PermitApplication app = underReview(PermitTypeMother.pbg());
        app.recommend(BUDI, "ok", MONDAY);
        app.approve(CITRA, "ok", MONDAY, numbers, TERMS);
        assertThat(app.state()).isEqualTo(ApplicationState.ISSUED);
        assertThat(app.levy()).isNull();
    }

    @Test
    void aFixedLevyIsBilledOnApprovalAndValidityStartsAtIssue() {
        PermitApplication app = issuedReklame();
        assertThat(app.levy().amountIdr()).isEqualTo(1_500_000);
        assertThat(app.state()).isEqualTo(ApplicationState.ISSUED);
        assertThat(app.validUntil()).isEqualTo(Instant.parse("2027-11-30T01:00:00Z"));
        assertThat(app.isExpired(Instant.parse("2027-11-30T00:59:59Z"))).isFalse();
        assertThat(app.isExpired(Instant.parse("2027-11-30T01:00:00Z"))).isTrue();
    }

    @Test
    void aDeemedGrantOfATypeWithALevyIsBilledToo() {
        PermitType type = PermitTypeMother.withLifecycle(PermitTypeMother.pbg(SlaPolicy.AUTO_ISSUE, 3),
                new org.satupintu.application.catalog.Levy(org.satupintu.application.catalog.Levy.Kind.FIXED, 250_000L),
                12);
        PermitApplication app = PermitApplication.create("app-3", type, "SULUT-MANADO",
                new Applicant("ani-id", "Ani", null, null, "id"), ANI, Map.of("siteAddress", "x", "floors", 1), MONDAY);
        app.applyDocumentEvent(uploaded("KTP", "k"), MONDAY);
        app.applyDocumentEvent(uploaded("GAMBAR_ARSITEKTUR", "g"), MONDAY);
        app.submit(ANI, MONDAY, numbers, CALENDAR);
        assertThat(app.markSlaBreached(app.dueAt().plusSeconds(1), numbers, TERMS)).isTrue();
        assertThat(app.state()).isEqualTo(ApplicationState.AWAITING_PAYMENT);
        assertThat(app.levy().amountIdr()).isEqualTo(250_000);
    }

    // ---- revocation --------------------------------------------------------------------------------------------

    @Test
    void theSupervisorOrAnAdminRevokesAnIssuedPermitWithAReason() {
        PermitApplication app = issuedReklame();
        assertThat(code(() -> app.revoke(BUDI, "x", MONDAY))).isEqualTo("NotPermittedException:forbidden");
        assertThat(code(() -> app.revoke(FAJAR, "x", MONDAY))).isEqualTo("NotPermittedException:forbidden");
        assertThat(code(() -> app.revoke(ANI, "x", MONDAY))).isEqualTo("NotPermittedException:forbidden");
        assertThat(code(() -> app.revoke(CITRA, " ", MONDAY))).isEqualTo("RuleViolationException:invalid-revocation");
        assertThat(code(() -> app.revoke(CITRA, "x".repeat(2001), MONDAY)))
                .isEqualTo("RuleViolationException:invalid-revocation");
        app.revoke(CITRA, "Titik reklame melanggar RTRW", MONDAY);
        assertThat(app.state()).isEqualTo(ApplicationState.REVOKED);
        assertThat(app.revocation()).isEqualTo(new Revocation(MONDAY, "citra", "Titik reklame melanggar RTRW"));
        assertThat(eventTypes(app)).endsWith(EventTypes.APPLICATION_REVOKED);
        assertThat(app.outbox().get(app.outbox().size() - 1).data().revokedAt()).isEqualTo(MONDAY);
        assertThat(code(() -> app.revoke(ADI, "again", MONDAY))).isEqualTo("InvalidTransitionException:invalid-transition");
        assertThat(code(() -> awaitingPayment().revoke(ADI, "x", MONDAY)))
                .isEqualTo("InvalidTransitionException:invalid-transition");
    }

    // ---- reminders ---------------------------------------------------------------------------------------------

    @Test
    void paymentRemindersGoOutSevenDaysAndOneDayBeforeTheDueDateOnceEach() {
        PermitApplication app = awaitingPayment();
        Instant due = app.levy().dueAt();
        assertThat(app.remind(due.minus(8, ChronoUnit.DAYS))).isFalse();
        assertThat(app.remind(due.minus(7, ChronoUnit.DAYS))).isTrue();
        assertThat(app.remind(due.minus(6, ChronoUnit.DAYS))).isFalse();
        assertThat(app.remind(due.minus(1, ChronoUnit.DAYS))).isTrue();
        assertThat(app.remind(due.minus(1, ChronoUnit.HOURS))).isFalse();
        assertThat(app.outbox()).filteredOn(e -> e.type().equals(EventTypes.APPLICATION_PAYMENT_DUE))
                .extracting(e -> e.data().reminderDaysBefore()).containsExactly(7, 1);
        assertThat(app.remindersSent()).containsExactly("payment-due-7", "payment-due-1");
    }

    @Test
    void expiryRemindersGoOutSixtyThirtyAndSevenDaysBeforeOnlyTheMostUrgentWhenLate() {
        PermitApplication app = issuedReklame();
        Instant end = app.validUntil();
        assertThat(app.remind(end.minus(61, ChronoUnit.DAYS))).isFalse();
        assertThat(app.remind(end.minus(60, ChronoUnit.DAYS))).isTrue();
        // The job was down between 30 and 7 days before: one reminder, the 7-day one.
        assertThat(app.remind(end.minus(5, ChronoUnit.DAYS))).isTrue();
        assertThat(app.remind(end.minus(1, ChronoUnit.DAYS))).isFalse();
        assertThat(app.remind(end.plus(1, ChronoUnit.DAYS))).isFalse();
        assertThat(app.outbox()).filteredOn(e -> e.type().equals(EventTypes.APPLICATION_PERMIT_EXPIRING))
                .extracting(e -> e.data().reminderDaysBefore()).containsExactly(60, 7);
        assertThat(app.remindersSent()).containsExactlyInAnyOrder("permit-expiring-60", "permit-expiring-30",
                "permit-expiring-7");
    }

    @Test
    void noReminderForAPermitThatNeverExpiresOrWasRevoked() {
        PermitApplication pbg = awaitingPayment();
        pay(pbg, MANADO_SYSTEM, "r");
        assertThat(pbg.remind(MONDAY.plus(Duration.ofDays(3650)))).isFalse();
        PermitApplication revoked = issuedReklame();
        revoked.revoke(CITRA, "x", MONDAY);
        assertThat(revoked.remind(revoked.validUntil().minus(7, ChronoUnit.DAYS))).isFalse();
    }

    // ---- renewal -----------------------------------------------------------------------------------------------

    @Test
    void theHolderRenewsWithinNinetyDaysIntoAPrefilledDraftAndTheOldIsSupersededOnIssue() {
        PermitApplication old = issuedReklame();
        Instant early = old.validUntil().minus(91, ChronoUnit.DAYS);
        assertThat(code(() -> old.startRenewal(ANI, "app-2", false, early, TERMS)))
                .isEqualTo("RuleViolationException:renewal-too-early");
        assertThat(code(() -> old.startRenewal(EKO, "app-2", false, old.validUntil(), TERMS)))
                .isEqualTo("NotPermittedException:forbidden");
        assertThat(code(() -> old.startRenewal(CITRA, "app-2", false, old.validUntil(), TERMS)))
                .isEqualTo("NotPermittedException:forbidden");
        Instant late = old.validUntil().plus(3, ChronoUnit.DAYS);
        old.startRenewal(ANI, "app-2", false, late, TERMS);
        assertThat(old.renewedBy()).isEqualTo("app-2");
        assertThat(code(() -> old.startRenewal(ANI, "app-3", true, late, TERMS)))
                .isEqualTo("RuleViolationException:renewal-exists");

        PermitApplication renewal = PermitApplication.renewalOf("app-2", old, PermitTypeMother.reklame(1_750_000),
                ANI, late);
        assertThat(renewal.state()).isEqualTo(ApplicationState.DRAFT);
        assertThat(renewal.renewalOf()).isEqualTo(old.id());
        assertThat(renewal.form()).isEqualTo(old.form());
        assertThat(renewal.officeCode()).isEqualTo(old.officeCode());
        assertThat(eventTypes(renewal)).containsExactly(EventTypes.APPLICATION_CREATED,
                EventTypes.APPLICATION_RENEWAL_STARTED);

        assertThat(old.markSuperseded("REKLAME-SULUT-MANADO-2027-000001", late)).isTrue();
        assertThat(old.supersededBy()).isEqualTo("REKLAME-SULUT-MANADO-2027-000001");
        assertThat(old.markSuperseded("other", late)).isFalse();
        assertThat(old.remind(old.validUntil().minus(7, ChronoUnit.DAYS))).isFalse();
    }

    @Test
    void aPermitThatNeverExpiresOrIsNotIssuedCannotBeRenewed() {
        PermitApplication pbg = awaitingPayment();
        assertThat(code(() -> pbg.startRenewal(ANI, "x", false, MONDAY, TERMS)))
                .isEqualTo("InvalidTransitionException:invalid-transition");
        pay(pbg, MANADO_SYSTEM, "r");
        assertThat(code(() -> pbg.startRenewal(ANI, "x", false, MONDAY, TERMS)))
                .isEqualTo("RuleViolationException:not-renewable");
    }

    // ---- the table ---------------------------------------------------------------------------------------------

    @Test
    void theTableSaysWhatFollowsTheNewStates() {
        assertThat(ApplicationState.RECOMMENDED.next()).contains(ApplicationState.ISSUED,
                ApplicationState.AWAITING_PAYMENT);
        assertThat(ApplicationState.AWAITING_PAYMENT.next()).containsExactlyInAnyOrder(ApplicationState.ISSUED,
                ApplicationState.AWAITING_PAYMENT);
        assertThat(ApplicationState.ISSUED.next()).containsExactlyInAnyOrder(ApplicationState.ISSUED,
                ApplicationState.REVOKED);
        assertThat(ApplicationState.REVOKED.isFinal()).isTrue();
        assertThat(ApplicationState.AWAITING_PAYMENT.allows(ApplicationState.Action.WITHDRAW)).isFalse();
        assertThat(ApplicationState.AWAITING_PAYMENT.officeHolds()).isFalse();
    }

    @Test
    void billingCodesCarryALuhnCheckDigit() {
        String code = BillingCodes.of(2026, 42);
        assertThat(code).isEqualTo("260000000042" + BillingCodes.checkDigit("260000000042"));
        assertThat(BillingCodes.valid(code)).isTrue();
        assertThat(BillingCodes.valid("79927398713")).isTrue();
        assertThat(BillingCodes.valid("79927398710")).isFalse();
        assertThat(BillingCodes.valid("12a4")).isFalse();
        assertThat(BillingCodes.valid("")).isFalse();
    }
}
