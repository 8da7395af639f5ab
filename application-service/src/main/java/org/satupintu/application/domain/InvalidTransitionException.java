package org.satupintu.application.domain;

import java.util.Map;

/** The action is not allowed from the application's current state. */
public final class InvalidTransitionException extends DomainException {

    public InvalidTransitionException(String action, String state) {
        super("invalid-transition", "Cannot " + action + " an application that is " + state + ".",
                Map.of("action", action, "state", state));
    }
}
