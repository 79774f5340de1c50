package io.dedicate.compiler;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The compiler's stages (load, resolve, validate, emit...) depend on each other in one direction only: a package
 * cycle means a stage reaches back into a later one, and a newcomer can no longer read them in order.
 */
class PackageCyclesTest {

    @Test
    void compilerPackagesHaveNoCycles() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dedicate.compiler");
        slices().matching("io.dedicate.compiler.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }
}
