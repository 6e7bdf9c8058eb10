package dev.hearth.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The map of docs/architecture.md, checked: layers only point down, no package cycles, the MQTT adapter at the edge,
 * the core loop free of the framework, and no simulator in the production code.
 */
class ArchitectureTest {
    private static final String G = "dev.hearth.gateway";
    private static JavaClasses gateway;

    @BeforeAll
    static void importProductionClasses() {
        gateway = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(G);
    }

    @Test
    void no_package_of_the_gateway_is_part_of_a_cycle() {
        slices().matching(G + ".(**)").should().beFreeOfCycles().check(gateway);
    }

    @Test
    void layers_only_point_down() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("assembly").definedBy(G, G + ".config..")
                .layer("features").definedBy(G + ".home..", G + ".automation..", G + ".journal..", G + ".device..",
                        G + ".commands..", G + ".history..", G + ".logbook..", G + ".outbox..", G + ".uplink..", G + ".mqtt..", G + ".broker..",
                        G + ".metrics..", G + ".watchdog..", G + ".web..", G + ".discovery..", G + ".helper..",
                        G + ".presence..", G + ".notify..", G + ".announce..")
                .layer("storage").definedBy(G + ".store..")
                .layer("toolkit").definedBy(G + ".yaml..", G + ".time..", G + ".message..", G + ".bus..", G + ".json..",
                        G + ".logging..", G + ".runtime..")
                .whereLayer("assembly").mayNotBeAccessedByAnyLayer()
                .whereLayer("features").mayOnlyBeAccessedByLayers("assembly")
                .whereLayer("storage").mayOnlyBeAccessedByLayers("assembly", "features")
                .check(gateway);
    }

    @Test
    void the_yaml_toolkit_knows_no_feature() {
        noClasses().that().resideInAPackage(G + ".yaml..")
                .should().dependOnClassesThat().resideOutsideOfPackages(G + ".yaml..", "java..", "org.snakeyaml..")
                .check(gateway);
    }

    @Test
    void the_mqtt_adapter_stays_at_the_edge() {
        noClasses().that().resideInAPackage(G + ".mqtt..")
                .should().dependOnClassesThat().resideInAnyPackage(G + ".outbox..", G + ".uplink..", G + ".home..",
                        G + ".automation..", G + ".device..", G + ".commands..", G + ".journal..", G + ".history..", G + ".logbook..",
                        G + ".web..", G + ".store..")
                .check(gateway);
    }

    @Test
    void store_and_forward_never_reaches_back_to_the_uplink_or_the_home() {
        noClasses().that().resideInAPackage(G + ".outbox..")
                .should().dependOnClassesThat().resideInAnyPackage(G + ".uplink..", G + ".home..", G + ".device..",
                        G + ".automation..", G + ".commands..")
                .check(gateway);
    }

    @Test
    void shared_messages_depend_on_no_feature() {
        noClasses().that().resideInAPackage(G + ".message..")
                .should().dependOnClassesThat().resideInAnyPackage(G + ".mqtt..", G + ".outbox..", G + ".uplink..",
                        G + ".home..", G + ".device..", G + ".automation..", G + ".commands..")
                .check(gateway);
    }

    @Test
    void the_home_loop_and_what_it_runs_are_plain_java() {
        noClasses().that().resideInAnyPackage(G + ".automation.model..", G + ".automation.run..", G + ".commands..",
                        G + ".device..", G + ".discovery..", G + ".helper..", G + ".presence..")
                .or().haveNameMatching(G.replace(".", "\\.") + "\\.home\\.HomeLoop(\\$.*)?")
                .or().haveNameMatching(G.replace(".", "\\.") + "\\.automation\\.load\\.AutomationReloader(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .check(gateway);
    }

    @Test
    void production_code_never_uses_the_simulators_or_the_bench() {
        noClasses().that().resideInAPackage(G + "..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.sim..", "dev.hearth.bench..", "dev.hearth.tools..")
                .check(gateway);
    }
}
