package org.satupintu.application.workflow;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.satupintu.application.catalog.FormField;
import org.satupintu.application.domain.FieldProblem;
import org.satupintu.application.domain.InvalidInputException;
import org.satupintu.application.domain.RuleViolationException;

/** Checks form data against the permit type's fields: known keys, types, sizes; required fields on submit. */
final class FormRules {

    static final int MAX_TEXT = 4000;

    private FormRules() {
    }

    /** Wrong keys or types are malformed input (400); text over the limit is a business rule (422). */
    static void checkValues(Map<String, Object> form, List<FormField> fields) {
        Map<String, FormField> byKey = fields.stream().collect(Collectors.toMap(FormField::key, f -> f));
        List<FieldProblem> malformed = new ArrayList<>();
        List<FieldProblem> tooLong = new ArrayList<>();
        form.forEach((key, value) -> {
            FormField field = byKey.get(key);
            String name = "form." + key;
            if (field == null) {
                malformed.add(new FieldProblem(name, "is not a field of this permit type"));
                return;
            }
            if (value == null) {
                return;
            }
            switch (field.type()) {
                case TEXT -> {
                    if (!(value instanceof String text)) {
                        malformed.add(new FieldProblem(name, "must be text"));
                    }
                    else if (text.length() > MAX_TEXT) {
                        tooLong.add(new FieldProblem(name, "must be at most " + MAX_TEXT + " characters"));
                    }
                }
                case NUMBER -> {
                    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                        malformed.add(new FieldProblem(name, "must be a number"));
                    }
                }
                case BOOLEAN -> {
                    if (!(value instanceof Boolean)) {
                        malformed.add(new FieldProblem(name, "must be true or false"));
                    }
                }
                case DATE -> {
                    if (!(value instanceof String text) || !isDate(text)) {
                        malformed.add(new FieldProblem(name, "must be a date like 2026-12-31"));
                    }
                }
            }
        });
        if (!malformed.isEmpty()) {
            throw new InvalidInputException("The form does not match the permit type's fields.", malformed);
        }
        if (!tooLong.isEmpty()) {
            throw new RuleViolationException("field-too-long", "A form value is too long.", tooLong);
        }
    }

    static List<FieldProblem> missingRequired(Map<String, Object> form, List<FormField> fields) {
        return fields.stream().filter(FormField::required)
                .filter(f -> form.get(f.key()) == null
                        || (form.get(f.key()) instanceof String s && s.isBlank()))
                .map(f -> new FieldProblem("form." + f.key(), "is required"))
                .toList();
    }

    static Set<String> keys(List<FormField> fields) {
        return fields.stream().map(FormField::key).collect(Collectors.toSet());
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        }
        catch (DateTimeParseException e) {
            return false;
        }
    }
}
