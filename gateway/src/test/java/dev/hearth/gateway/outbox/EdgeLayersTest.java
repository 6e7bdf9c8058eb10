package dev.hearth.gateway.outbox;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The MQTT adapter at the edge points one way: uplink → outbox → mqtt → message. The Paho link knows
 * nothing of the bus, the outbox or the features above it; the outbox nothing of the uplink.
 */
class EdgeLayersTest {
    private static final String GATEWAY = "dev.hearth.gateway";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(GATEWAY);

    @Test
    void theLinkImportsOnlyMessagesTimeAndTheYamlToolkit() {
        noClasses().that().resideInAPackage(GATEWAY + ".mqtt..")
                .should().dependOnClassesThat().resideInAnyPackage(GATEWAY + ".outbox..", GATEWAY + ".uplink..",
                        GATEWAY + ".bus..", GATEWAY + ".core..", GATEWAY + ".device..", GATEWAY + ".automation..",
                        GATEWAY + ".config..", GATEWAY + ".store..")
                .check(CLASSES);
    }

    @Test
    void theOutboxNeverReachesBackToTheUplinkOrTheHome() {
        noClasses().that().resideInAPackage(GATEWAY + ".outbox..")
                .should().dependOnClassesThat().resideInAnyPackage(GATEWAY + ".uplink..", GATEWAY + ".core..",
                        GATEWAY + ".device..", GATEWAY + ".automation..", GATEWAY + ".config..")
                .check(CLASSES);
    }

    @Test
    void sharedMessagesDependOnNoFeature() {
        noClasses().that().resideInAPackage(GATEWAY + ".message..")
                .should().dependOnClassesThat().resideInAnyPackage(GATEWAY + ".mqtt..", GATEWAY + ".outbox..",
                        GATEWAY + ".uplink..", GATEWAY + ".core..", GATEWAY + ".device..", GATEWAY + ".automation..")
                .check(CLASSES);
    }
}
