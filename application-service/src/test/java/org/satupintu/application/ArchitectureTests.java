package org.satupintu.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.ArchitectureRules;

/** The structure of application-service, as STYLE.md states it (ArchitectureRules). */
class ArchitectureTests {

    static final String ROOT = "org.satupintu.application";
    static final String[] DOMAIN = { ROOT + ".catalog", ROOT + ".workflow", ROOT + ".domain", ROOT + ".sla",
            ROOT + ".numbering", ROOT + ".checklist" };
    static final JavaClasses MAIN = ArchitectureRules.mainClassesOf(ROOT);

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.noPackageCycles(ROOT).check(MAIN);
    }

    @Test
    void theDomainKnowsNothingOfHttp() {
        ArchitectureRules.domainFreeOfWebAndProblems(ROOT, DOMAIN).check(MAIN);
    }

    @Test
    void usesNoOtherServicesCode() {
        ArchitectureRules.usesNoOtherServicesCode(ROOT).check(MAIN);
    }

    /** The rules do catch what they forbid: a fixture with a domain class using HTTP types and a package cycle. */
    @Test
    void theRulesFailOnABrokenStructure() {
        JavaClasses broken = new ClassFileImporter().importPackages(ROOT + ".archfixture");
        assertThat(ArchitectureRules.domainFreeOfWebAndProblems(ROOT + ".archfixture", ROOT + ".archfixture.domain")
                .evaluate(broken).hasViolation()).isTrue();
        assertThat(ArchitectureRules.noPackageCycles(ROOT + ".archfixture").evaluate(broken).hasViolation())
                .isTrue();
        assertThat(ArchitectureRules.usesNoOtherServicesCode(ROOT + ".archfixture").evaluate(broken).hasViolation())
                .isTrue();
    }
}
