package org.satupintu.notification.routing;

/**
 * A document event about an application whose applicant we have not learnt yet (topics are not ordered against
 * each other): retried with backoff, which normally gives the application event time to arrive.
 */
class ApplicantNotYetKnownException extends RuntimeException {

    ApplicantNotYetKnownException(String applicationId) {
        super("No application event seen yet for " + applicationId);
    }
}
