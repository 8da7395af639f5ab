package org.satupintu.document.applicationservice;

import java.util.List;
import java.util.Optional;

/** The document requirements of a permit type, as application-service's catalog states them. */
public record PermitTypeRules(String code, List<RequirementRules> requirements) {

    public Optional<RequirementRules> requirement(String requirementCode) {
        return requirements.stream().filter(r -> r.code().equals(requirementCode)).findFirst();
    }
}
