package org.satupintu.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.satupintu.support.problem.ProblemCode;
import org.satupintu.testsupport.ArchitectureRules;

/** The structure of the gateway: no cycles, no service's code, and of service-support only the problem codes. */
class ArchitectureTests {

    static final String ROOT = "org.satupintu.gateway";
    static final JavaClasses MAIN = ArchitectureRules.mainClassesOf(ROOT);

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.noPackageCycles(ROOT).check(MAIN);
    }

    @Test
    void usesNoOtherServicesCode() {
        ArchitectureRules.usesNoOtherServicesCode(ROOT).check(MAIN);
    }

    /** The gateway is reactive: the servlet plumbing of service-support is not for it. */
    @Test
    void sharesOnlyTheProblemCodes() {
        noClasses().that().resideInAPackage(ROOT + "..").should().dependOnClassesThat(
                JavaClass.Predicates.resideInAPackage("org.satupintu.support..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(ProblemCode.class))))
                .check(MAIN);
    }
}
