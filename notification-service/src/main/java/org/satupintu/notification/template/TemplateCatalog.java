package org.satupintu.notification.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.satupintu.notification.delivery.Channel;

/**
 * The message templates, one properties file per language ({@code templates/id.properties},
 * {@code templates/en.properties}, UTF-8), keys {@code <situation>.<audience>.<channel>.title|body}, placeholders
 * {@code {registrationNumber}} etc. Callers declare up front which templates they need ({@link #requireAll}) so that
 * a gap is a start-up error.
 */
public final class TemplateCatalog {

    /** The placeholders a template may use; anything else is a typo caught at start-up. */
    public static final Set<String> PLACEHOLDERS = Set.of("registrationNumber", "permitTypeCode", "permitNumber",
            "comment", "link", "applicantName", "officeCode", "state", "actor", "assignee", "billingCode",
            "levyAmount", "levyDueAt", "validUntil", "daysBefore");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final Map<Language, Properties> byLanguage;

    private TemplateCatalog(Map<Language, Properties> byLanguage) {
        this.byLanguage = byLanguage;
        List<String> problems = new ArrayList<>();
        byLanguage.forEach((language, properties) -> properties.stringPropertyNames().forEach(key -> {
            Matcher m = PLACEHOLDER.matcher(properties.getProperty(key));
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    problems.add(language.code() + ":" + key + " uses unknown placeholder {" + m.group(1) + "}");
                }
            }
        }));
        if (!problems.isEmpty()) {
            throw new MissingTemplateException(problems);
        }
    }

    /** Loads {@code <directory>/<language>.properties} for every language from the class path. */
    public static TemplateCatalog fromClasspath(String directory) {
        Map<Language, Properties> map = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String path = directory + "/" + language.code() + ".properties";
            Properties properties = new Properties();
            try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream(path)) {
                if (in != null) {
                    properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
            map.put(language, properties);
        }
        return new TemplateCatalog(map);
    }

    public static TemplateCatalog of(Map<Language, Properties> byLanguage) {
        return new TemplateCatalog(new EnumMap<>(byLanguage));
    }

    /** Fails with every missing template at once. */
    public void requireAll(Set<TemplateKey> keys) {
        List<String> missing = keys.stream().filter(key -> !has(key)).map(TemplateKey::toString).sorted().toList();
        if (!missing.isEmpty()) {
            throw new MissingTemplateException(missing.stream().map(k -> "missing " + k).toList());
        }
    }

    public boolean has(TemplateKey key) {
        Properties p = java.util.Objects.requireNonNull(byLanguage.get(key.language()), "checked by has(key)");
        if (p == null || blank(p.getProperty(key.prefix() + ".body"))) {
            return false;
        }
        // SMS is a body only; the inbox and email need a title (subject) too.
        return key.channel() == Channel.SMS || !blank(p.getProperty(key.prefix() + ".title"));
    }

    public RenderedMessage render(TemplateKey key, Map<String, @Nullable String> values) {
        if (!has(key)) {
            throw new MissingTemplateException(List.of("missing " + key));
        }
        Properties p = java.util.Objects.requireNonNull(byLanguage.get(key.language()), "checked by has(key)");
        String title = p.getProperty(key.prefix() + ".title", "");
        return new RenderedMessage(fill(title, values), fill(p.getProperty(key.prefix() + ".body", ""), values));
    }

    static String fill(String template, Map<String, @Nullable String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null || value.isBlank() ? "-" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
