package org.satupintu.support.web;

import org.jspecify.annotations.Nullable;
import org.satupintu.support.problem.ApiException;

/** Entity tags are the resource's version: {@code "3"}. {@code If-Match} accepts the quoted or bare number. */
public final class ETags {

    private ETags() {
    }

    public static String of(@Nullable Long version) {
        return "\"" + (version == null ? 0 : version) + "\"";
    }

    /** The version named by an If-Match header, or null when there is none (or {@code *}). */
    public static @Nullable Long parse(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            // An ETag we never issued cannot match.
            throw ApiException.stale();
        }
    }
}
