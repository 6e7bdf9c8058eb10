package dev.hearth.gateway.home;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hearth.gateway.automation.load.AutomationReloader;
import dev.hearth.gateway.automation.run.StartupBarrier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The home loop and what it runs on (commands, the start-up barrier, hot reload) stay plain Java: tested without Vert.x. */
class HomeLoopPurityTest {
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hearth.gateway");

    @Test
    void theHomeLoopCommandsBarrierAndReloaderDoNotUseVertx() {
        noClasses().that().haveNameMatching(HomeLoop.class.getName() + "(\\$.*)?")
                .or().resideInAPackage("dev.hearth.gateway.commands..")
                .or().haveNameMatching(StartupBarrier.class.getName() + "(\\$.*)?")
                .or().haveNameMatching(AutomationReloader.class.getName() + "(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .check(GATEWAY);
    }
}
