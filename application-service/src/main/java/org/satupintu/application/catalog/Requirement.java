package org.satupintu.application.catalog;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** A document the applicant must (or may) upload, with the types and size document-service accepts for it. */
public record Requirement(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}") String code,
        @NotNull @Valid LocalizedText name, boolean mandatory,
        @NotEmpty List<@Pattern(regexp = "[a-z]+/[a-z0-9.+-]+") String> contentTypes,
        @Positive @Max(104_857_600) long maxSizeBytes) {
}
