package org.satupintu.application.domain;

import java.util.Map;

/** The caller named a version that is no longer the current one. */
public final class StaleVersionException extends DomainException {

    public StaleVersionException() {
        super("stale-version", "The resource changed since you read it; reload it and retry.", Map.of());
    }
}
