package org.satupintu.events;

import java.util.List;
import java.util.Optional;

/**
 * Logical, versioned CloudEvents {@code type} names. These, not Java class names, travel on the wire;
 * a new incompatible payload gets a new version suffix.
 */
public final class EventTypes {

    public static final String APPLICATION_CREATED = "satupintu.application.created.v1";
    public static final String APPLICATION_SUBMITTED = "satupintu.application.submitted.v1";
    public static final String APPLICATION_ASSIGNED = "satupintu.application.assigned.v1";
    public static final String APPLICATION_REVISION_REQUESTED = "satupintu.application.revision-requested.v1";
    public static final String APPLICATION_RECOMMENDED = "satupintu.application.recommended.v1";
    public static final String APPLICATION_ISSUED = "satupintu.application.issued.v1";
    public static final String APPLICATION_REJECTED = "satupintu.application.rejected.v1";
    public static final String APPLICATION_WITHDRAWN = "satupintu.application.withdrawn.v1";
    public static final String APPLICATION_SLA_BREACHED = "satupintu.application.sla-breached.v1";
    public static final String APPLICATION_LEVY_ASSESSED = "satupintu.application.levy-assessed.v1";
    public static final String APPLICATION_APPROVED = "satupintu.application.approved.v1";
    public static final String APPLICATION_PAYMENT_DUE = "satupintu.application.payment-due.v1";
    public static final String APPLICATION_LEVY_PAID = "satupintu.application.levy-paid.v1";
    public static final String APPLICATION_PERMIT_EXPIRING = "satupintu.application.permit-expiring.v1";
    public static final String APPLICATION_REVOKED = "satupintu.application.revoked.v1";
    public static final String APPLICATION_RENEWAL_STARTED = "satupintu.application.renewal-started.v1";

    public static final String DOCUMENT_UPLOADED = "satupintu.document.uploaded.v1";
    public static final String DOCUMENT_REMOVED = "satupintu.document.removed.v1";
    public static final String CERTIFICATE_GENERATED = "satupintu.document.certificate-generated.v1";

    public static final String NOTIFICATION_DELIVERY_FAILED = "satupintu.notification.delivery-failed.v1";

    private static final List<String> APPLICATION = List.of(APPLICATION_CREATED, APPLICATION_SUBMITTED,
            APPLICATION_ASSIGNED, APPLICATION_REVISION_REQUESTED, APPLICATION_RECOMMENDED, APPLICATION_ISSUED,
            APPLICATION_REJECTED, APPLICATION_WITHDRAWN, APPLICATION_SLA_BREACHED, APPLICATION_LEVY_ASSESSED,
            APPLICATION_APPROVED, APPLICATION_PAYMENT_DUE, APPLICATION_LEVY_PAID, APPLICATION_PERMIT_EXPIRING,
            APPLICATION_REVOKED, APPLICATION_RENEWAL_STARTED);
    private static final List<String> DOCUMENT = List.of(DOCUMENT_UPLOADED, DOCUMENT_REMOVED, CERTIFICATE_GENERATED);
    private static final List<String> NOTIFICATION = List.of(NOTIFICATION_DELIVERY_FAILED);

    private EventTypes() {
    }

    public static List<String> all() {
        return java.util.stream.Stream.of(APPLICATION, DOCUMENT, NOTIFICATION).flatMap(List::stream).toList();
    }

    public static boolean isKnown(String type) {
        return all().contains(type);
    }

    /** The topic an event type is published on, or empty for a type this contract does not know. */
    public static Optional<String> topicOf(String type) {
        if (APPLICATION.contains(type)) {
            return Optional.of(Topics.APPLICATION_EVENTS);
        }
        if (DOCUMENT.contains(type)) {
            return Optional.of(Topics.DOCUMENT_EVENTS);
        }
        if (NOTIFICATION.contains(type)) {
            return Optional.of(Topics.NOTIFICATION_EVENTS);
        }
        return Optional.empty();
    }
}
