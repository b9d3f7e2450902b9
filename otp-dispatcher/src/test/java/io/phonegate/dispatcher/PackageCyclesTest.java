package io.phonegate.dispatcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Feature packages depend on each other in one direction only, so each can be read (and changed) on its own. */
class PackageCyclesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.phonegate.dispatcher");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.phonegate.dispatcher.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
