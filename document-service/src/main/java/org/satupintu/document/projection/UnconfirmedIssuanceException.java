package org.satupintu.document.projection;

import java.util.List;

/**
 * An {@code issued} event that application-service does not confirm: no certificate. The record is retried (the
 * facts may be a moment behind), then dead-lettered.
 */
public class UnconfirmedIssuanceException extends RuntimeException {

    UnconfirmedIssuanceException(String eventId, String applicationId, List<String> differences) {
        super("Issued event " + eventId + " of application " + applicationId
                + " is not confirmed by application-service: " + String.join("; ", differences));
    }
}
