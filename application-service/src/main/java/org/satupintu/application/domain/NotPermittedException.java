package org.satupintu.application.domain;

import java.util.Map;

/** The actor's role (or relation to the application) does not allow the action. */
public final class NotPermittedException extends DomainException {

    public NotPermittedException(String message) {
        super("forbidden", message, Map.of());
    }
}
