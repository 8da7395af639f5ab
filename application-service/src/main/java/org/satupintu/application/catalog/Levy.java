package org.satupintu.application.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * The regional levy (retribusi) a permit type carries, apart from the service fee: none, a fixed amount set by the
 * regional regulation, or an amount the assigned officer assesses per application (e.g. PBG from floor area and
 * building indices). {@code amountIdr} is the fixed amount, and only for {@code FIXED}.
 */
public record Levy(@NotNull Kind kind, @Nullable @Positive @Max(MAX_AMOUNT_IDR) Long amountIdr) {

    /** The largest levy accepted anywhere (a trillion rupiah): more is a typing error, not a bill. */
    public static final long MAX_AMOUNT_IDR = 1_000_000_000_000L;

    public static final Levy NONE = new Levy(Kind.NONE, null);

    public enum Kind {
        NONE, FIXED, ASSESSED
    }

    /** What the approval bills without an assessment: the fixed amount, else nothing. */
    public long fixedAmount() {
        return kind == Kind.FIXED && amountIdr != null ? amountIdr : 0;
    }
}
