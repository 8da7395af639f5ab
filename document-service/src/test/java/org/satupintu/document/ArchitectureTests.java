package org.satupintu.document;

import org.satupintu.testsupport.ServiceArchitectureTests;

/**
 * The structure of document-service, as STYLE.md states it. The domain packages have no web layer of their own
 * ({@code web} subpackages are the HTTP edge; {@code applicationservice} is the HTTP client of application-service);
 * their use cases still refuse with service-support's {@code ApiException}, which carries a status but no web type.
 */
class ArchitectureTests extends ServiceArchitectureTests {

    static final String ROOT = "org.satupintu.document";

    ArchitectureTests() {
        super(ROOT, ROOT + ".storage", ROOT + ".signing", ROOT + ".projection", ROOT + ".upload",
                ROOT + ".verification");
    }
}
