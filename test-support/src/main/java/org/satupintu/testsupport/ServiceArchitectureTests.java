package org.satupintu.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The structure tests every servlet service runs ({@link ArchitectureRules}): a service's {@code ArchitectureTests}
 * extends this and names its root and domain packages.
 */
public abstract class ServiceArchitectureTests {

    private final String root;
    private final String[] domain;
    private final JavaClasses main;

    /**
     * @param root the service's root package
     * @param domain its packages without a web layer of their own
     */
    protected ServiceArchitectureTests(String root, String... domain) {
        this.root = root;
        this.domain = domain.clone();
        this.main = ArchitectureRules.mainClassesOf(root);
    }

    /** The rule for the domain packages; a domain that throws its own exceptions bans problem types too. */
    protected ArchRule domainRule(String rootPackage, String... domainPackages) {
        return ArchitectureRules.domainFreeOfWeb(rootPackage, domainPackages);
    }

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.noPackageCycles(root).check(main);
    }

    @Test
    void theDomainKnowsNothingOfHttp() {
        domainRule(root, domain).check(main);
    }

    @Test
    void usesNoOtherServicesCode() {
        ArchitectureRules.usesNoOtherServicesCode(root).check(main);
    }
}
