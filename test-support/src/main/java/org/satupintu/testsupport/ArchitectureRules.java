package org.satupintu.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The structure rules every SatuPintu service is held to (STYLE.md 13 and 14), checked by each service's
 * {@code ArchitectureTests} on its main classes:
 * <ul>
 * <li>no cycles between the service's packages;</li>
 * <li>domain packages know nothing of HTTP: no Spring web or HTTP types, no servlet API, no web subpackage;</li>
 * <li>a service uses no other service's code: across service borders only {@code event-contracts} and
 * {@code service-support}.</li>
 * </ul>
 */
public final class ArchitectureRules {

    /** Every service's root package; a service may depend on none but its own. */
    public static final List<String> SERVICES = List.of("org.satupintu.application", "org.satupintu.document",
            "org.satupintu.notification", "org.satupintu.gateway");

    private static final String[] OTHER_PROJECT_CODE = { "org.satupintu.local..", "org.satupintu.testsupport..",
            "org.satupintu.systemtests.." };

    private ArchitectureRules() {
    }

    /** The main classes of a service (tests left out). */
    public static JavaClasses mainClassesOf(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(rootPackage);
    }

    public static ArchRule noPackageCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(**)").namingSlices("$1").should().beFreeOfCycles()
                .as("packages of " + rootPackage + " are free of cycles");
    }

    /**
     * Domain packages use no Spring web or HTTP type, no servlet API and no web package (of the service or of
     * service-support).
     *
     * @param domainPackages package names such as {@code org.satupintu.document.storage}
     */
    public static ArchRule domainFreeOfWeb(String rootPackage, String... domainPackages) {
        return noClasses().that().resideInAnyPackage(domainPackages).should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "jakarta.servlet..",
                        rootPackage + "..web..", "org.satupintu.support.web..")
                .as("domain packages of " + rootPackage + " use no HTTP or web types");
    }

    /**
     * Stricter, for a domain that throws its own exceptions (STYLE.md 13): no web types and no problem types
     * either; the service's problem handler maps the domain's refusals.
     */
    public static ArchRule domainFreeOfWebAndProblems(String rootPackage, String... domainPackages) {
        return noClasses().that().resideInAnyPackage(domainPackages).should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "jakarta.servlet..",
                        rootPackage + "..web..", "org.satupintu.support.web..", "org.satupintu.support.problem..")
                .as("domain packages of " + rootPackage + " use no HTTP, web or problem types");
    }

    public static ArchRule usesNoOtherServicesCode(String rootPackage) {
        String[] forbidden = Stream.concat(SERVICES.stream().filter(s -> !s.equals(rootPackage)).map(s -> s + ".."),
                Stream.of(OTHER_PROJECT_CODE)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(rootPackage + "..").should().dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .as(rootPackage + " uses no other service's code (only event-contracts and service-support)");
    }
}
