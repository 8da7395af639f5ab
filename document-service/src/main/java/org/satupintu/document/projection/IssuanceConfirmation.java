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
 * the application is ISSUED now, with the event's permit number, office, permit type and holder. A well-formed event
 * from the right topic is still only a claim; a certificate is signed only for what was really issued.
 */
@Component
class IssuanceConfirmation {

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
        differs(differences, "state", ApplicationStates.ISSUED, issuance.state());
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
