package org.satupintu.application.workflow.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.satupintu.application.catalog.LocalizedText;
import org.satupintu.application.workflow.ApplicationLevy;
import org.satupintu.application.workflow.ApplicationState;
import org.satupintu.application.workflow.ChecklistItem;
import org.satupintu.application.workflow.PermitApplication;
import org.satupintu.application.workflow.Revocation;

/** An application as API.md shows it (never the persistence document). */
record ApplicationView(String id, @Nullable String registrationNumber, String permitTypeCode,
        LocalizedText permitTypeName, long permitTypeVersion, String officeCode, ApplicantView applicant,
        Map<String, Object> form, ApplicationState state, @Nullable String assignee, List<ChecklistItem> checklist,
        Instant createdAt, Instant updatedAt, @Nullable Instant submittedAt, @Nullable Instant dueAt,
        boolean overdue, @Nullable Instant slaBreachedAt, @Nullable Instant decidedAt, @Nullable String permitNumber,
        long version, @Nullable ApplicationLevy levy, @Nullable Instant validUntil, boolean expired,
        @Nullable String renewalOf, @Nullable String renewedBy, @Nullable String supersededBy,
        @Nullable Revocation revocation) {

    record ApplicantView(String id, String name, @Nullable String email, @Nullable String phone) {
    }

    static ApplicationView of(PermitApplication app, Instant now) {
        return new ApplicationView(app.id(), app.registrationNumber(), app.permitTypeCode(), app.permitTypeName(),
                app.permitTypeVersion(), app.officeCode(),
                new ApplicantView(app.applicant().id(), app.applicant().name(), app.applicant().email(),
                        app.applicant().phone()),
                app.form(), app.state(), app.assignee(), app.checklist(), app.createdAt(), app.updatedAt(),
                app.submittedAt(), app.dueAt(), app.isOverdue(now), app.slaBreachedAt(), app.decidedAt(),
                app.permitNumber(), app.version() == null ? 0 : app.version(), app.levy(), app.validUntil(),
                app.isExpired(now), app.renewalOf(), app.renewedBy(), app.supersededBy(), app.revocation());
    }
}
