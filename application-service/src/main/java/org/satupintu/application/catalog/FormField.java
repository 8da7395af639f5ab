package org.satupintu.application.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One field of a permit type's application form. */
public record FormField(@NotBlank @Pattern(regexp = "[a-z][A-Za-z0-9]{0,63}") String key,
        @NotNull @Valid LocalizedText label, @NotNull Type type, boolean required) {

    public enum Type {
        @JsonProperty("text") TEXT,
        @JsonProperty("number") NUMBER,
        @JsonProperty("date") DATE,
        @JsonProperty("boolean") BOOLEAN
    }
}
