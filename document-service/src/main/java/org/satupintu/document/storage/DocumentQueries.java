package org.satupintu.document.storage;

import java.util.List;
import java.util.Optional;

/** Finding documents through their lookups ({@link DocumentLookups}), never by scanning every document. */
public interface DocumentQueries {

    /** The application's documents that are not removed, oldest upload first. */
    List<StoredDocument> ofApplication(String applicationId);

    /** The document of this kind for the permit number, if any. */
    Optional<StoredDocument> ofPermit(String permitNumber, DocumentKind kind);
}
