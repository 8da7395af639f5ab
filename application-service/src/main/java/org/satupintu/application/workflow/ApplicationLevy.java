package org.satupintu.application.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.LevyData;

/**
 * The regional levy (retribusi) of one application: assessed (amount and basis) by the officer or fixed by the
 * catalog, billed on approval (billing code, due date) and paid through the treasury (payment reference).
 */
public record ApplicationLevy(long amountIdr, String basis, @Nullable String billingCode,
        @Nullable Instant assessedAt, @Nullable String assessedBy, @Nullable Instant dueAt, @Nullable Instant paidAt,
        @Nullable String paymentReference) {

    static ApplicationLevy assessed(long amountIdr, String basis, Instant at, String by) {
        return new ApplicationLevy(amountIdr, basis, null, at, by, null, null, null);
    }

    ApplicationLevy billed(String billingCode, Instant dueAt) {
        return new ApplicationLevy(amountIdr, basis, billingCode, assessedAt, assessedBy, dueAt, null, null);
    }

    ApplicationLevy paid(Instant paidAt, String reference) {
        return new ApplicationLevy(amountIdr, basis, billingCode, assessedAt, assessedBy, dueAt, paidAt, reference);
    }

    LevyData data() {
        return new LevyData(amountIdr, basis, billingCode, dueAt, paidAt, paymentReference);
    }
}
