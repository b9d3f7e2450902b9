package io.phonegate.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The gateway's feature packages depend on each other in one direction only. */
class ArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.phonegate.gateway");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.phonegate.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void theLimitsKnowNothingOfTheFlowsTheyGuard() {
        classes().that().resideInAPackage("io.phonegate.gateway.limits..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages(
                        "io.phonegate.gateway.auth..", "io.phonegate.gateway.cognito..", "io.phonegate.gateway.events..",
                        "io.phonegate.gateway.problem..", "io.phonegate.gateway.config..")
                .check(GATEWAY);
    }
}
