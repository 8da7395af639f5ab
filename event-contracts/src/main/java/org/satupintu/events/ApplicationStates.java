package org.satupintu.events;

/**
 * The application state names that travel in {@code data.state} and that other services test. The full state
 * machine is application-service's; these are the words of the contract.
 */
public final class ApplicationStates {

    public static final String DRAFT = "DRAFT";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String UNDER_REVIEW = "UNDER_REVIEW";
    public static final String REVISION_REQUESTED = "REVISION_REQUESTED";
    public static final String RECOMMENDED = "RECOMMENDED";
    public static final String ISSUED = "ISSUED";
    public static final String REJECTED = "REJECTED";
    public static final String WITHDRAWN = "WITHDRAWN";
    /** Approved; the regional levy is billed and not yet paid. */
    public static final String AWAITING_PAYMENT = "AWAITING_PAYMENT";
    public static final String REVOKED = "REVOKED";

    private ApplicationStates() {
    }

    /** Whether an applicant may still change the application's documents in this state. */
    public static boolean isEditableByApplicant(String state) {
        return DRAFT.equals(state) || REVISION_REQUESTED.equals(state);
    }
}
