package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.notify.Dispatch;
import dev.hearth.gateway.yaml.Problems;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The notify and http actions render their templates, hand the result over and never hold up the run. */
class DispatchActionsTest {
    @Test
    void aRunRendersItsNotificationAndCallAndGoesOnEvenWhenOneFails() {
        // given
        Problems problems = new Problems();
        EngineHarness home = new EngineHarness();
        home.build(new AutomationLoader(EngineHarness.DEVICES, Set.of("phone")).parse("a.yaml", """
                automations:
                  - id: washer
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: false, for: 5m } ]
                    actions:
                      - notify: { service: phone, title: "Washer", message: "Done after ${trigger.for}" }
                      - notify: { service: phone, message: "Now ${thermo.temperature} degrees" }
                      - http: { method: PUT, url: "http://192.168.1.5/lamp/${trigger.device}", headers: { X-Key: abc }, body: "off", ttl: 10m }
                      - command: { device: lamp, set: { state: "OFF" } }
                """, problems));
        assertThat(problems.list()).isEmpty();
        home.engine.arm(java.util.List.of(), Map.of());
        home.set("pir", "occupancy", true);
        // when
        home.set("pir", "occupancy", false);
        home.advance(Duration.ofMinutes(5));
        // then
        assertThat(home.dispatches).extracting(Dispatch::request).containsExactly(
                new Dispatch.Notification("phone", Optional.of("Washer"), "Done after 5m"),
                new Dispatch.HttpCall("PUT", "http://192.168.1.5/lamp/pir", Map.of("X-Key", "abc"), Optional.of("off"), Duration.ofMinutes(10)));
        assertThat(home.commandTexts()).containsExactly("lamp {state=OFF}");
        AutomationRun run = home.lastRun();
        assertThat(run.outcome()).isEqualTo(AutomationRun.Outcome.RAN);
        assertThat(run.steps()).extracting(s -> s.action() + ": " + s.outcome()).satisfiesExactly(
                s -> assertThat(s).isEqualTo("notify phone: queued for delivery"),
                s -> assertThat(s).startsWith("notify phone: failed: message: "),
                s -> assertThat(s).isEqualTo("http PUT http://192.168.1.5/lamp/pir: queued for delivery"),
                s -> assertThat(s).startsWith("command lamp"));
        assertThat(home.dispatches).allSatisfy(d -> assertThat(d.automation()).isEqualTo("washer"));
    }
}
