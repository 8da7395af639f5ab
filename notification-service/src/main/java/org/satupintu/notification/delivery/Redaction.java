package org.satupintu.notification.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Masks personal data before it reaches a log line: e-mail addresses keep their first letter and domain
 * ({@code a***@example.id}), phone numbers their first four and last two digits ({@code +628******34}); message
 * bodies are never logged, only their length. Logs are read by more people, and kept longer, than the delivery log.
 */
public final class Redaction {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)");
    private static final Pattern PHONE = Pattern.compile("(\\+?[0-9]{4})[0-9 ()-]{3,}([0-9]{2})");

    private Redaction() {
    }

    /** The text with every e-mail address and phone number in it masked. */
    public static String mask(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String masked = replace(EMAIL, text, m -> m.group(1) + "***@" + m.group(2));
        return replace(PHONE, masked, m -> m.group(1) + "*".repeat(Math.max(3, m.group().length() - 6)) + m.group(2));
    }

    /** What may be said of a message body in a log: its size. */
    public static String body(@Nullable String body) {
        return body == null ? "(no body)" : "(" + body.length() + " characters)";
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
