package org.satupintu.document.applicationservice;

import org.satupintu.support.problem.ApiException;

/** application-service did not answer in time (or the breaker is open): the request cannot be decided now. */
public class ApplicationServiceUnavailableException extends ApiException {

    public ApplicationServiceUnavailableException() {
        super(503, "dependency-unavailable",
                "application-service cannot be reached right now; try again in a moment.");
    }
}
