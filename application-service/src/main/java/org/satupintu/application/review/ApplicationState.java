package org.satupintu.application.review;

import java.util.EnumSet;
import java.util.Set;

/** The life of an application. */
public enum ApplicationState {
    DRAFT, SUBMITTED, UNDER_REVIEW, REVISION_REQUESTED, RECOMMENDED, ISSUED, REJECTED, WITHDRAWN;

    private static final Set<ApplicationState> EDITABLE = EnumSet.of(DRAFT, REVISION_REQUESTED);
    private static final Set<ApplicationState> FINAL = EnumSet.of(ISSUED, REJECTED, WITHDRAWN);
    /** States in which the office holds the file and the SLA clock runs. */
    private static final Set<ApplicationState> OFFICE_HOLDS = EnumSet.of(SUBMITTED, UNDER_REVIEW, RECOMMENDED);

    public boolean editable() {
        return EDITABLE.contains(this);
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    public boolean officeHolds() {
        return OFFICE_HOLDS.contains(this);
    }
}
