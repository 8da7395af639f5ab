package org.satupintu.document.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.ApplicationEvent;
import org.satupintu.events.ApplicationEventData;
import org.satupintu.events.CloudEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One application as seen through its events. An event applies once (ids remembered) and never moves the view
 * back in time (events older than the last applied one are skipped), so redeliveries and replays are harmless.
 */
@Document("application_projection")
class ApplicationProjection {

    private static final int REMEMBERED_EVENTS = 100;

    @Id
    private String id;
    private @Nullable String officeCode;
    private @Nullable String applicantId;
    private @Nullable String state;
    private @Nullable String permitTypeCode;
    private @Nullable String registrationNumber;
    private @Nullable String permitNumber;
    private @Nullable String applicantName;
    private @Nullable Instant validUntil;
    private @Nullable Instant revokedAt;
    private @Nullable String supersededBy;
    private Instant lastEventTime;
    private List<String> appliedEventIds;
    @Version
    private @Nullable Long version;

    @PersistenceCreator
    @SuppressWarnings("NullAway.Init") // the mapping sets every field from the stored document
    ApplicationProjection() {
        // for MongoDB mapping
    }

    @SuppressWarnings("NullAway.Init") // the first applied event sets the application fields
    ApplicationProjection(String id) {
        this.id = id;
        this.appliedEventIds = new ArrayList<>();
        this.lastEventTime = Instant.EPOCH;
    }

    /** @return false if the event was seen already or is older than what the view shows */
    boolean apply(CloudEvent<ApplicationEvent> envelope) {
        if (appliedEventIds.contains(envelope.id()) || envelope.time().isBefore(lastEventTime)) {
            return false;
        }
        ApplicationEventData event = envelope.data().data();
        appliedEventIds.add(envelope.id());
        if (appliedEventIds.size() > REMEMBERED_EVENTS) {
            appliedEventIds = new ArrayList<>(appliedEventIds.subList(appliedEventIds.size() - REMEMBERED_EVENTS,
                    appliedEventIds.size()));
        }
        lastEventTime = envelope.time();
        officeCode = event.officeCode();
        state = event.state();
        permitTypeCode = event.permitTypeCode();
        // Fields an event may leave out keep what an earlier one said.
        applicantId = first(event.applicantId(), applicantId);
        registrationNumber = first(event.registrationNumber(), registrationNumber);
        permitNumber = first(event.permitNumber(), permitNumber);
        applicantName = first(event.applicantName(), applicantName);
        validUntil = event.validUntil() != null ? event.validUntil() : validUntil;
        revokedAt = event.revokedAt() != null ? event.revokedAt() : revokedAt;
        return true;
    }

    /** The renewal of this permit was issued (learnt from the renewal's own issued event). */
    boolean supersede(String successorPermitNumber) {
        if (successorPermitNumber.equals(supersededBy)) {
            return false;
        }
        supersededBy = successorPermitNumber;
        return true;
    }

    PermitStanding standing() {
        return new PermitStanding(state, validUntil, revokedAt, supersededBy);
    }

    boolean complete() {
        return officeCode != null && applicantId != null && state != null && permitTypeCode != null;
    }

    /** What is known so far; a field no event has named yet is empty (it matches no caller and allows nothing). */
    ApplicationView view() {
        return new ApplicationView(id, orEmpty(officeCode), orEmpty(applicantId), orEmpty(state),
                orEmpty(permitTypeCode), registrationNumber, permitNumber, applicantName);
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String first(@Nullable String value, @Nullable String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }
}
