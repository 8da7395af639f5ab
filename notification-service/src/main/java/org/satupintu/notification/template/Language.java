package org.satupintu.notification.template;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Languages notifications are written in; Bahasa Indonesia unless the recipient asked for English. */
public enum Language {
    ID("id"), EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Language of(@Nullable String locale) {
        return locale != null && locale.toLowerCase(Locale.ROOT).startsWith("en") ? EN : ID;
    }
}
