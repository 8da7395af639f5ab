package org.satupintu.application.workflow.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request bodies of the applications API. */
final class Requests {

    private Requests() {
    }

    /** {@code applicant} is only for office systems filing on behalf of a walk-in applicant. */
    record Create(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,31}") String permitTypeCode,
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{1,47}") String officeCode,
            @Nullable @Size(max = 200) Map<String, Object> form, @Nullable @Valid WalkIn applicant) {
    }

    record WalkIn(@NotBlank @Size(max = 200) String name, @Nullable @Email @Size(max = 254) String email,
            @Nullable @Pattern(regexp = "\\+?[0-9 ()-]{6,20}") String phone,
            @Nullable @Pattern(regexp = "id|en") String locale) {
    }

    record Patch(@NotNull @Size(max = 200) Map<String, Object> form) {
    }

    record Assign(@Nullable @Size(max = 100) String assignee) {
    }

    record Reason(@NotBlank @Size(max = 4000) String reason) {
    }

    record Note(@Nullable @Size(max = 4000) String note) {
    }

    record Withdraw(@Nullable @Size(max = 4000) String reason) {
    }

    /*
     * The lifecycle bodies take amounts as any JSON number and texts of any length: the domain refuses a negative,
     * fractional or overflowing amount and an over-long text with 422 naming the field, as it does a wrong check
     * digit, rather than the parser with a bare 400.
     */

    record AssessLevy(@Nullable BigDecimal amountIdr, @Nullable String basis) {
    }

    record Payment(@Nullable String billingCode, @Nullable BigDecimal amountIdr, @Nullable Instant paidAt,
            @Nullable String reference) {
    }

    record Revoke(@Nullable String reason) {
    }
}
