package org.satupintu.document.applicationservice;

import org.satupintu.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** application-service did not answer in time (or the breaker is open): the request cannot be decided now. */
public class ApplicationServiceUnavailableException extends ApiException {

    public ApplicationServiceUnavailableException() {
        super(HttpStatus.SERVICE_UNAVAILABLE.value(), "dependency-unavailable",
                "application-service cannot be reached right now; try again in a moment.");
    }
}
