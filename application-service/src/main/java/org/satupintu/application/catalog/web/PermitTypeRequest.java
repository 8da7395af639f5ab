package org.satupintu.application.catalog.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.satupintu.application.catalog.FormField;
import org.satupintu.application.catalog.Levy;
import org.satupintu.application.catalog.LocalizedText;
import org.satupintu.application.catalog.PermitType;
import org.satupintu.application.catalog.Requirement;
import org.satupintu.application.catalog.SlaPolicy;

/** What an admin sends to create or replace a permit type. */
record PermitTypeRequest(@Nullable @Pattern(regexp = "[A-Z][A-Z0-9_]{1,31}") String code,
        @NotNull @Valid LocalizedText name, @NotNull @Valid LocalizedText description,
        @Min(1) @Max(365) int slaWorkingDays, @PositiveOrZero long feeIdr, @Nullable Boolean active,
        @Nullable SlaPolicy slaPolicy, @NotNull @Size(max = 100) List<@NotNull @Valid FormField> formFields,
        @NotNull @Size(max = 50) List<@NotNull @Valid Requirement> requirements,
        @Nullable @Min(1) @Max(1200) Integer validityMonths, @Nullable @Valid Levy levy) {

    PermitType toPermitType(String code) {
        return new PermitType(code, name, description, slaWorkingDays, feeIdr, active == null || active, slaPolicy,
                formFields, requirements, null, null, validityMonths, levy == null ? Levy.NONE : levy);
    }
}
