package org.satupintu.document.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.satupintu.document.applicationservice.ApplicationServiceClient;
import org.satupintu.document.applicationservice.Issuance;
import org.satupintu.events.ApplicationEventData;
import org.satupintu.events.ApplicationStates;
import org.springframework.stereotype.Component;

/**
 * Before an {@code issued} event changes anything (projection, certificate), application-service must confirm it:
 * the application was issued (it is ISSUED now, or REVOKED since), with the event's permit number, office, permit
 * type and holder. A well-formed event from the right topic is still only a claim; a certificate is signed only for
 * what was really issued.
 *
 * <p>A permit revoked before its certificate was made still gets the certificate: it was issued, the holder may
 * already show its number, and the public check must then answer REVOKED (from the {@code revoked} event that
 * follows on the same partition), not "unknown". Treating it as a forgery would also hold the partition in retries
 * for nothing.
 */
@Component
class IssuanceConfirmation {

    /** States of an application that has been issued: ISSUED, or REVOKED after its issuance. */
    static final java.util.Set<String> WAS_ISSUED = java.util.Set.of(ApplicationStates.ISSUED, ApplicationStates.REVOKED);

    private final ApplicationServiceClient applicationService;

    IssuanceConfirmation(ApplicationServiceClient applicationService) {
        this.applicationService = applicationService;
    }

    /**
     * @throws UnconfirmedIssuanceException if application-service does not state the same issuance (retried, then
     *     dead-lettered)
     * @throws org.satupintu.document.applicationservice.ApplicationServiceUnavailableException if it cannot be
     *     asked now (retried until it is back)
     */
    void confirm(String eventId, ApplicationEventData event) {
        Issuance issuance = applicationService.issuance(event.applicationId())
                .orElseThrow(() -> new UnconfirmedIssuanceException(eventId, event.applicationId(),
                        List.of("application-service knows no issuance of it")));
        List<String> differences = new ArrayList<>();
        if (!WAS_ISSUED.contains(issuance.state())) {
            differences.add("state is not ISSUED or REVOKED");
        }
        differs(differences, "permitNumber", event.permitNumber(), issuance.permitNumber());
        differs(differences, "officeCode", event.officeCode(), issuance.officeCode());
        differs(differences, "permitTypeCode", event.permitTypeCode(), issuance.permitTypeCode());
        differs(differences, "holder", event.applicantId(), issuance.holderId());
        differs(differences, "holderName", event.applicantName(), issuance.holderName());
        if (!differences.isEmpty()) {
            throw new UnconfirmedIssuanceException(eventId, event.applicationId(), differences);
        }
    }

    private static void differs(List<String> differences, String field, @Nullable String claimed,
            @Nullable String confirmed) {
        if (claimed == null || !Objects.equals(claimed, confirmed)) {
            // Only field names: the values may be personal data and end up in logs and dead-letter headers.
            differences.add(field + (claimed == null ? " missing in the event" : " differs"));
        }
    }
}
