package org.satupintu.application.review;

import java.util.Map;

import org.satupintu.application.problem.ApiException;
import org.springframework.http.HttpStatus;

/** The action is not allowed from the application's current state (409 {@code invalid-transition}). */
public class InvalidTransitionException extends ApiException {

    public InvalidTransitionException(String action, ApplicationState state) {
        super(HttpStatus.CONFLICT, "invalid-transition",
                "Cannot " + action + " an application that is " + state + ".",
                Map.of("action", action, "state", state.name()));
    }
}
