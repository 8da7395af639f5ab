package org.satupintu.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.satupintu.support.problem.ProblemCode;
import org.satupintu.support.security.TokenCache;
import org.satupintu.testsupport.ArchitectureRules;

/**
 * The structure of the gateway: no cycles, no service's code, and of service-support only the problem codes and the
 * token cache.
 */
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

    /**
     * The gateway is reactive: the servlet plumbing of service-support is not for it. It shares the problem codes
     * and the plain-Java token cache, nothing else.
     */
    @Test
    void sharesOnlyTheProblemCodesAndTheTokenCache() {
        noClasses().that().resideInAPackage(ROOT + "..").should().dependOnClassesThat(
                JavaClass.Predicates.resideInAPackage("org.satupintu.support..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(ProblemCode.class)))
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(TokenCache.class))))
                .check(MAIN);
    }
}
