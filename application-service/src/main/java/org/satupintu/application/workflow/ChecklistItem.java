package org.satupintu.application.workflow;

import org.jspecify.annotations.Nullable;

/** One document requirement of the application and the document that satisfies it, if any. */
public record ChecklistItem(String requirementCode, boolean mandatory, @Nullable String documentId) {

    ChecklistItem withDocument(@Nullable String id) {
        return new ChecklistItem(requirementCode, mandatory, id);
    }
}
