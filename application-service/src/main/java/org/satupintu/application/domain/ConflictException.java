package org.satupintu.application.domain;

import java.util.Map;

/** The change conflicts with what exists (e.g. a permit type code already taken). */
public final class ConflictException extends DomainException {

    public ConflictException(String code, String message) {
        super(code, message, Map.of());
    }
}
