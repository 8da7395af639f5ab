package org.satupintu.application.domain;

import java.util.Map;

/** The object does not exist, or the caller may not know that it does. */
public final class NotFoundException extends DomainException {

    public NotFoundException(String what) {
        super("not-found", what + " was not found.", Map.of());
    }
}
