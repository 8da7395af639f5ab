package org.satupintu.document.applicationservice;

import java.util.List;

/** What a permit type accepts for one requirement: content types (as detected from the bytes) and a size limit. */
public record RequirementRules(String code, List<String> contentTypes, long maxSizeBytes) {

    public boolean allows(String contentType) {
        return contentTypes.stream().anyMatch(t -> t.equalsIgnoreCase(contentType));
    }
}
