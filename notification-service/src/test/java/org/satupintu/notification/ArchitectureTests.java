package org.satupintu.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.ArchitectureRules;

/** The structure of notification-service, as STYLE.md states it (ArchitectureRules). */
class ArchitectureTests {

    static final String ROOT = "org.satupintu.notification";
    /** Packages without a web layer of their own (their {@code web} subpackages are the HTTP edge). */
    static final String[] DOMAIN = { ROOT + ".inbox", ROOT + ".template", ROOT + ".delivery", ROOT + ".routing", ROOT + ".webhook", ROOT + ".email", ROOT + ".sms" };
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
