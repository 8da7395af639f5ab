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
                null, 3L);
    }
}
