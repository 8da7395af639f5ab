package org.satupintu.application.domain;

import java.util.List;
import java.util.Map;

/** A business rule refuses the request as it stands (e.g. mandatory documents missing). */
public final class RuleViolationException extends DomainException {

    public RuleViolationException(String code, String message, Map<String, Object> details) {
        super(code, message, details);
    }

    public RuleViolationException(String code, String message, List<FieldProblem> errors) {
        super(code, message, Map.of("errors", errors));
    }
}
