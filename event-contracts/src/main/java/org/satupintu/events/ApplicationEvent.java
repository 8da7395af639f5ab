package org.satupintu.events;

/** Events of {@code satupintu.application.events}, published by application-service. */
public sealed interface ApplicationEvent extends SatuPintuEvent
        permits ApplicationCreated, ApplicationSubmitted, ApplicationAssigned, RevisionRequested,
        ApplicationRecommended, PermitIssued, ApplicationRejected, ApplicationWithdrawn, SlaBreached, LevyAssessed,
        ApplicationApproved, PaymentDue, LevyPaid, PermitExpiring, PermitRevoked, RenewalStarted {

    @Override
    ApplicationEventData data();

    @Override
    default String applicationId() {
        return data().applicationId();
    }
}
