package org.satupintu.application.catalog;

import java.util.List;

/** Object Mother of permit types for tests. */
public final class PermitTypeMother {

    private PermitTypeMother() {
    }

    public static PermitType pbg() {
        return pbg(SlaPolicy.ESCALATE, 5);
    }

    public static PermitType pbg(SlaPolicy policy, int slaWorkingDays) {
        return new PermitType("PBG", new LocalizedText("Persetujuan Bangunan Gedung", "Building Approval"),
                new LocalizedText("Izin bangunan", "Building permit"), slaWorkingDays, 0, true, policy,
                List.of(new FormField("siteAddress", new LocalizedText("Alamat", "Address"), FormField.Type.TEXT, true),
                        new FormField("floors", new LocalizedText("Lantai", "Floors"), FormField.Type.NUMBER, true),
                        new FormField("plannedStartDate", new LocalizedText("Mulai", "Start"), FormField.Type.DATE,
                                false),
                        new FormField("hasBasement", new LocalizedText("Basement", "Basement"),
                                FormField.Type.BOOLEAN, false)),
                List.of(new Requirement("KTP", new LocalizedText("KTP", "Identity card"), true,
                        List.of("application/pdf", "image/jpeg"), 5_242_880),
                        new Requirement("GAMBAR_ARSITEKTUR", new LocalizedText("Gambar", "Drawings"), true,
                                List.of("application/pdf"), 20_971_520),
                        new Requirement("NPWP", new LocalizedText("NPWP", "Tax id"), false,
                                List.of("application/pdf"), 5_242_880)),
                null, 3L, null, Levy.NONE);
    }

    /** PBG as the seeded catalog has it: a levy the officer assesses per application, no expiry. */
    public static PermitType pbgAssessed() {
        return withLifecycle(pbg(), new Levy(Levy.Kind.ASSESSED, null), null);
    }

    /** A REKLAME-like type: a fixed levy and a 12-month validity. */
    public static PermitType reklame(long levyIdr) {
        return withLifecycle(pbg(), new Levy(Levy.Kind.FIXED, levyIdr), 12);
    }

    public static PermitType withLifecycle(PermitType type, Levy levy, Integer validityMonths) {
        return new PermitType(type.code(), type.name(), type.description(), type.slaWorkingDays(), type.feeIdr(),
                type.active(), type.slaPolicy(), type.formFields(), type.requirements(), type.updatedAt(),
                type.version(), validityMonths, levy);
    }
}
