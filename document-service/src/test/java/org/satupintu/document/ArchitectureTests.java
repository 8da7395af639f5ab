package org.satupintu.document;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.ArchitectureRules;

/** The structure of document-service, as STYLE.md states it (ArchitectureRules). */
class ArchitectureTests {

    static final String ROOT = "org.satupintu.document";
    /**
     * Packages without a web layer of their own (their {@code web} subpackages are the HTTP edge; {@code
     * applicationservice} is the HTTP client of application-service). Their use cases still refuse with
     * service-support's {@code ApiException}, which carries a status but no web type.
     */
    static final String[] DOMAIN = { ROOT + ".storage", ROOT + ".signing", ROOT + ".projection", ROOT + ".upload", ROOT + ".verification" };
    static final JavaClasses MAIN = ArchitectureRules.mainClassesOf(ROOT);

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.noPackageCycles(ROOT).check(MAIN);
    }

    @Test
    void theDomainKnowsNothingOfHttp() {
        ArchitectureRules.domainFreeOfWeb(ROOT, DOMAIN).check(MAIN);
    }

    @Test
    void usesNoOtherServicesCode() {
        ArchitectureRules.usesNoOtherServicesCode(ROOT).check(MAIN);
    }
}
