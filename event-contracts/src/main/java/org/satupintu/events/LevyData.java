package org.satupintu.events;

import java.time.Instant;

/**
 * The regional levy (retribusi) of an application as events carry it: the assessed or fixed amount and its basis,
 * and once billed the billing code tellers key in, the due date and, once paid, the payment.
 */
public record LevyData(Long amountIdr, String basis, String billingCode, Instant dueAt, Instant paidAt,
        String paymentReference) {
}
