package org.satupintu.application.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A permit the office issues, with its form, its document checklist, SLA, service fee, regional levy and
 * validity ({@code validityMonths} null: never expires). Applications copy what they
 * need at creation, so a later edit never changes an application already under way.
 */
@Document("permit_types")
public record PermitType(@Id String code, LocalizedText name, LocalizedText description, int slaWorkingDays,
        long feeIdr, boolean active, @Nullable SlaPolicy slaPolicy, List<FormField> formFields,
        List<Requirement> requirements, @Nullable Instant updatedAt, @Version @Nullable Long version,
        @Nullable Integer validityMonths, @Nullable Levy levy) {

    /** Stored types from before levies existed carry none. */
    public Levy effectiveLevy() {
        return levy == null ? Levy.NONE : levy;
    }

    public SlaPolicy effectiveSlaPolicy() {
        return slaPolicy == null ? SlaPolicy.NONE : slaPolicy;
    }

    public Optional<Requirement> requirement(String requirementCode) {
        return requirements.stream().filter(r -> r.code().equals(requirementCode)).findFirst();
    }

    PermitType withContent(PermitType other, Instant now) {
        return new PermitType(code, other.name, other.description, other.slaWorkingDays, other.feeIdr, other.active,
                other.slaPolicy, other.formFields, other.requirements, now, version, other.validityMonths,
                other.levy);
    }
}
