package org.satupintu.notification.sms;

import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Phone numbers to E.164. Indonesian numbers come written many ways ({@code 0812-3456-7890},
 * {@code 62 812 3456 7890}, {@code +62812…}); all become {@code +62812…}. Other countries must already carry
 * {@code +}. Anything else is not a number we send to.
 */
public final class PhoneNumbers {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern INDONESIAN_NATIONAL = Pattern.compile("[1-9][0-9]{7,11}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private PhoneNumbers() {
    }

    public static Optional<String> toE164(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(raw.trim()).replaceAll("");
        String national;
        if (s.startsWith("+62")) {
            national = s.substring(3);
        }
        else if (s.startsWith("+")) {
            return E164.matcher(s).matches() ? Optional.of(s) : Optional.empty();
        }
        else if (s.startsWith("62")) {
            national = s.substring(2);
        }
        else if (s.startsWith("0")) {
            national = s.substring(1);
        }
        else {
            return Optional.empty();
        }
        return INDONESIAN_NATIONAL.matcher(national).matches() ? Optional.of("+62" + national) : Optional.empty();
    }
}
