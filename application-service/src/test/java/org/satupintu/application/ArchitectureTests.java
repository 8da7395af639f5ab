package org.satupintu.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.ArchitectureRules;
import org.satupintu.testsupport.ServiceArchitectureTests;

/** The structure of application-service, as STYLE.md states it; its domain throws its own exceptions. */
class ArchitectureTests extends ServiceArchitectureTests {

    static final String ROOT = "org.satupintu.application";

    ArchitectureTests() {
        super(ROOT, ROOT + ".catalog", ROOT + ".workflow", ROOT + ".domain", ROOT + ".sla", ROOT + ".numbering",
                ROOT + ".checklist");
    }

    @Override
    protected ArchRule domainRule(String rootPackage, String... domainPackages) {
        return ArchitectureRules.domainFreeOfWebAndProblems(rootPackage, domainPackages);
    }

    /** The rules do catch what they forbid: a fixture with a domain class using HTTP types and a package cycle. */
    @Test
    void theRulesFailOnABrokenStructure() {
        JavaClasses broken = new ClassFileImporter().importPackages(ROOT + ".archfixture");
        assertThat(domainRule(ROOT + ".archfixture", ROOT + ".archfixture.domain").evaluate(broken).hasViolation())
                .isTrue();
        assertThat(ArchitectureRules.noPackageCycles(ROOT + ".archfixture").evaluate(broken).hasViolation())
                .isTrue();
        assertThat(ArchitectureRules.usesNoOtherServicesCode(ROOT + ".archfixture").evaluate(broken).hasViolation())
                .isTrue();
    }
}
