package org.satupintu.application.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A text in Bahasa Indonesia ({@code id}, the default) and English ({@code en}). */
public record LocalizedText(@NotBlank @Size(max = 500) String id, @NotBlank @Size(max = 500) String en) {

    public String in(String locale) {
        return locale != null && locale.toLowerCase().startsWith("en") ? en : id;
    }
}
