package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.automation.run.EngineJournal;
import dev.hearth.gateway.time.VirtualScheduler;
import dev.hearth.gateway.yaml.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Hot reload without Vert.x: files read and changes applied in the calling thread, checks paced by virtual time. */
class AutomationReloaderTest {
    private final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final AutomationLoader loader = new AutomationLoader(List.of());
    private final List<AutomationReload> reports = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void anEditedFileReplacesItsAutomationsAndNamesTheTopicsItsMqttTriggersListenTo() throws IOException {
        AutomationEngine engine = started(file("a.yaml", "button", "tick"));
        file("a.yaml", "button", "tock");
        time.advance(AutomationReloader.EVERY);

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.applied()).isTrue();
            assertThat(r.automations()).containsExactly("button");
        });
        assertThat(engine.mqttFilters()).containsExactly("garden/button");
        assertThat(engine.automation("button")).isPresent();
    }

    @Test
    void aFileReusingAnotherFilesIdIsRefusedAndTheFirstKeepsRunning() throws IOException {
        AutomationEngine engine = started(file("a.yaml", "button", "tick"));
        file("b.yaml", "button", "tock");
        time.advance(AutomationReloader.EVERY);

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.applied()).isFalse();
            assertThat(r.problems()).singleElement().asString().contains("automation id 'button' is already defined in");
        });
        assertThat(engine.mqttFilters()).containsExactly("garden/button");
        assertThat(engine.automation("button").map(Automation::file)).contains(dir.resolve("a.yaml").toString());
        time.advance(AutomationReloader.EVERY);
        assertThat(reports).as("an unchanged refused file is not read again").hasSize(1);
    }

    @Test
    void aFileNestedThousandsOfLevelsDeepIsReportedOnceAndNeverBlocksAFileAddedAfterIt() throws IOException {
        started(file("a.yaml", "button", "tick"));
        String deep = "(".repeat(5_000) + "true" + ")".repeat(5_000);
        Files.writeString(dir.resolve("b.yaml"), """
                automations:
                  - id: deep
                    triggers: [ { trigger: mqtt, topic: garden/deep } ]
                    conditions: [ { condition: expr, expr: "%s" } ]
                    actions: [ { log: deep } ]
                """.formatted(deep));
        time.advance(AutomationReloader.EVERY);
        file("c.yaml", "later", "fine");
        time.advance(AutomationReloader.EVERY);
        time.advance(AutomationReloader.EVERY);

        assertThat(reports).as("the bad file once, then the good one").hasSize(2);
        assertThat(reports.get(0).applied()).isFalse();
        assertThat(reports.get(0).problems()).singleElement().asString()
                .startsWith(dir.resolve("b.yaml") + ":4:").contains("nested 5000 levels deep");
        assertThat(reports.get(1).applied()).isTrue();
        assertThat(reports.get(1).automations()).containsExactly("later");
    }

    @Test
    void anEditedBlueprintReloadsTheFilesThatUseIt() throws IOException {
        Files.createDirectories(dir.resolve("blueprints"));
        blueprint("tick");
        Path uses = Files.writeString(dir.resolve("uses.yaml"), """
                automations:
                  - id: garden
                    use: button_log
                """);
        AutomationEngine engine = started(uses);
        time.advance(AutomationReloader.EVERY);
        assertThat(reports).as("nothing changed yet").isEmpty();

        blueprint("tock");
        time.advance(AutomationReloader.EVERY);

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.applied()).isTrue();
            assertThat(r.automations()).containsExactly("garden_button");
        });
        assertThat(engine.automation("garden_button").map(a -> a.actions().toString()).orElseThrow()).contains("tock");
    }

    private void blueprint(String message) throws IOException {
        Files.writeString(dir.resolve("blueprints/button_log.yaml"), """
                blueprint:
                  inputs: {}
                automations:
                  - id: button
                    triggers: [ { trigger: mqtt, topic: garden/button } ]
                    actions: [ { log: %s } ]
                """.formatted(message));
    }

    @Test
    void untouchedFilesReloadNothing() throws IOException {
        started(file("a.yaml", "button", "tick"));
        time.advance(AutomationReloader.EVERY.multipliedBy(3));
        assertThat(reports).isEmpty();
    }

    private AutomationEngine started(Path first) {
        Problems problems = new Problems();
        List<Automation> automations = loader.loadFile(first, problems);
        assertThat(problems.list()).isEmpty();
        AutomationEngine engine = new AutomationEngine(automations, (device, attribute) -> Optional.empty(), time,
                new AutomationEngine.Outputs(c -> { }, p -> { }, r -> { }, EngineJournal.NONE, d -> { }),
                AutomationEngine.Options.defaults(time.zone()));
        AutomationReloader.Running running = new AutomationReloader.Running() {
            @Override
            public Optional<Automation> automation(String id) {
                return engine.automation(id);
            }

            @Override
            public void replaceFile(String file, List<Automation> fresh) {
                engine.replaceFile(file, fresh);
            }
        };
        new AutomationReloader(dir, loader, running, reports::add).start(Runnable::run, Runnable::run, time);
        return engine;
    }

    private Path file(String name, String id, String message) throws IOException {
        return Files.writeString(dir.resolve(name), """
                automations:
                  - id: %s
                    triggers: [ { trigger: mqtt, topic: garden/button } ]
                    actions: [ { log: %s } ]
                """.formatted(id, message));
    }
}
