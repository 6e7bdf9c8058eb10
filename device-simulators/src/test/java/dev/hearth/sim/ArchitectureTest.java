package dev.hearth.sim;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The simulators stand in for hardware: no package cycle among them, and nothing of the gateway in them. */
class ArchitectureTest {
    private static final JavaClasses SIMULATORS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.hearth.sim");

    @Test
    void no_package_of_the_simulators_is_part_of_a_cycle() {
        slices().matching("dev.hearth.sim.(**)").should().beFreeOfCycles().check(SIMULATORS);
    }

    @Test
    void the_simulators_never_use_the_gateway() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.hearth.gateway..").check(SIMULATORS);
    }
}
