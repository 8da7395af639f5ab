package org.satupintu.document.applicationservice;

import org.satupintu.support.kafka.DependencyOutage;
import org.satupintu.support.problem.ApiException;

/**
 * application-service did not answer in time (or the breaker is open): the request cannot be decided now. On a
 * consumer thread it is an outage, so the record is retried until application-service is back.
 */
public class ApplicationServiceUnavailableException extends ApiException implements DependencyOutage {

    public ApplicationServiceUnavailableException() {
        super(503, "dependency-unavailable",
                "application-service cannot be reached right now; try again in a moment.");
    }
}
