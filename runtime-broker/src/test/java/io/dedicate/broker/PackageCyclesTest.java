package io.dedicate.broker;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The broker's packages (OSB surface, cluster operations, children, drivers, state, reports...) depend on each other
 * in one direction only. The root package ({@code io.dedicate.broker}) is the application's wiring and may use them
 * all; it is not a slice.
 */
class PackageCyclesTest {

    @Test
    void brokerPackagesHaveNoCycles() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dedicate.broker");
        slices().matching("io.dedicate.broker.(*)..").should().beFreeOfCycles().check(classes);
    }
}
