package org.satupintu.application.domain;

import java.util.List;
import java.util.Map;

/** The input is malformed: the named fields have the wrong type or shape. */
public final class InvalidInputException extends DomainException {

    public InvalidInputException(String message, List<FieldProblem> errors) {
        super("validation-failed", message, Map.of("errors", errors));
    }
}
