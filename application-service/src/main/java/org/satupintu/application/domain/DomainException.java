package org.satupintu.application.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal by a domain rule. {@code code} is the stable word clients see; {@code details} are extra facts they may
 * act on (e.g. the missing requirement codes).
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFoundException, NotPermittedException, InvalidTransitionException, ConflictException,
        StaleVersionException, RuleViolationException, InvalidInputException {

    private final String code;
    private final Map<String, Object> details;

    protected DomainException(String code, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.details = new LinkedHashMap<>(details);
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
